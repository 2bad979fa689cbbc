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
 * {@code GET /owners/{id}}) once the handler is known.
 *
 * @author dbperf
 * @since 0.1.0
 */
class UnitOfWorkFilter extends OncePerRequestFilter {

	private final NPlusOneDetector detector;

	UnitOfWorkFilter(NPlusOneDetector detector) {
		this.detector = detector;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		UnitOfWork unit = this.detector.open(request.getMethod() + " (unmapped)");
		if (unit == null) {
			chain.doFilter(request, response);
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
			if (pattern != null) {
				unit.rename(request.getMethod() + " " + pattern);
			}
			this.detector.close(unit);
		}
	}

}
