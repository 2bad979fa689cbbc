package io.github.dbperf.autoconfigure.nplusone;

import io.github.dbperf.nplusone.UnitOfWork;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Marks the request's unit of work when a response body is about to be written: lazy
 * loads from here on run while the body is serialized, after the handler returned.
 * {@link UnitOfWorkNamingInterceptor} marks the same for views.
 *
 * @author dbperf
 * @since 0.2.0
 */
@ControllerAdvice
class HandlerReturnedAdvice implements ResponseBodyAdvice<Object> {

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public @Nullable Object beforeBodyWrite(@Nullable Object body, MethodParameter returnType,
			MediaType selectedContentType, Class<? extends HttpMessageConverter<?>> selectedConverterType,
			ServerHttpRequest request, ServerHttpResponse response) {
		if (request instanceof ServletServerHttpRequest servlet && servlet.getServletRequest()
			.getAttribute(UnitOfWorkFilter.UNIT_ATTRIBUTE) instanceof UnitOfWork unit) {
			unit.handlerReturned();
		}
		return body;
	}

}
