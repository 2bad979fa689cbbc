package io.github.dbperf.autoconfigure.nplusone;

import io.github.dbperf.nplusone.UnitOfWork;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Names the request's unit of work by its route pattern as soon as the handler is known,
 * so statements sampled while the handler runs already carry the final name, and marks
 * when the handler returned, so statements while the view renders can be told apart.
 *
 * @author dbperf
 * @since 0.1.0
 */
class UnitOfWorkNamingInterceptor implements HandlerInterceptor {

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		// Only the request's own unit: an enclosing one, such as a test-managed
		// transaction around MockMvc calls, keeps its name
		if (pattern != null && request.getAttribute(UnitOfWorkFilter.UNIT_ATTRIBUTE) instanceof UnitOfWork unit) {
			unit.rename(request.getMethod() + " " + pattern);
		}
		return true;
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			@Nullable ModelAndView modelAndView) {
		if (request.getAttribute(UnitOfWorkFilter.UNIT_ATTRIBUTE) instanceof UnitOfWork unit) {
			unit.handlerReturned();
		}
	}

}
