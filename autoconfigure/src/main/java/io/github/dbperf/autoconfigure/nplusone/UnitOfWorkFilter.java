package io.github.dbperf.autoconfigure.nplusone;

import java.io.IOException;

import io.github.dbperf.nplusone.NPlusOneDetector;
import io.github.dbperf.nplusone.UnitOfWork;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Makes every HTTP request a unit of work, named by method and route pattern (such as
 * {@code GET /owners/{id}}) once the handler is known. A request is its own unit even
 * inside another one, such as a test-managed transaction around MockMvc calls.
 *
 * @author dbperf
 * @since 0.1.0
 */
class UnitOfWorkFilter extends OncePerRequestFilter {

	/**
	 * The request attribute holding the request's unit of work.
	 */
	static final String UNIT_ATTRIBUTE = UnitOfWorkFilter.class.getName() + ".UNIT";

	private static final String ALREADY_FILTERED = UnitOfWorkFilter.class.getName() + ".FILTERED";

	private final NPlusOneDetector detector;

	UnitOfWorkFilter(NPlusOneDetector detector) {
		this.detector = detector;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String unmapped = request.getMethod() + " (unmapped)";
		UnitOfWork unit = this.detector.openNested(unmapped);
		if (unit == null) {
			chain.doFilter(request, response);
			return;
		}
		request.setAttribute(UNIT_ATTRIBUTE, unit);
		try {
			chain.doFilter(request, response);
		}
		finally {
			request.removeAttribute(UNIT_ATTRIBUTE);
			// UnitOfWorkNamingInterceptor names it as soon as the handler is known;
			// requests that end before an interceptor runs are named here
			Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
			if (pattern != null && unit.name().equals(unmapped)) {
				unit.rename(request.getMethod() + " " + pattern);
			}
			this.detector.close(unit);
		}
	}

	@Override
	protected String getAlreadyFilteredAttributeName() {
		// The default concatenates the filter name on every request
		return ALREADY_FILTERED;
	}

}
