package io.github.dbperf.autoconfigure.nplusone;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

	private static final int MAX_METHODS = 16;

	private static final int MAX_PATTERNS = 1024;

	// One name per method and route kept, instead of a concatenation per request; both
	// bounded, the method being whatever the client sent
	private final Map<String, Map<Object, String>> names = new ConcurrentHashMap<>();

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		// Only the request's own unit: an enclosing one, such as a test-managed
		// transaction around MockMvc calls, keeps its name
		if (pattern != null && request.getAttribute(UnitOfWorkFilter.UNIT_ATTRIBUTE) instanceof UnitOfWork unit) {
			unit.rename(name(request.getMethod(), pattern));
		}
		return true;
	}

	private String name(@Nullable String method, Object pattern) {
		Map<Object, String> byPattern = (method != null) ? byPattern(method) : null;
		String name = (byPattern != null) ? byPattern.get(pattern) : null;
		if (name == null) {
			name = method + " " + pattern;
			if (byPattern != null && byPattern.size() < MAX_PATTERNS) {
				byPattern.putIfAbsent(pattern, name);
			}
		}
		return name;
	}

	private @Nullable Map<Object, String> byPattern(String method) {
		Map<Object, String> byPattern = this.names.get(method);
		if (byPattern == null && this.names.size() < MAX_METHODS) {
			byPattern = this.names.computeIfAbsent(method, (key) -> new ConcurrentHashMap<>());
		}
		return byPattern;
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			@Nullable ModelAndView modelAndView) {
		if (request.getAttribute(UnitOfWorkFilter.UNIT_ATTRIBUTE) instanceof UnitOfWork unit) {
			unit.handlerReturned();
		}
	}

}
