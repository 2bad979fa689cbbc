package io.github.dbperf.actuate;

import java.util.Map;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * {@link EndpointWebExtension @EndpointWebExtension} for the {@link QueryCacheEndpoint}:
 * clearing one cache answers 204, or 404 for an unknown name, as Spring Boot's
 * {@code caches} endpoint does.
 *
 * @author dbperf
 * @since 0.1.0
 */
@EndpointWebExtension(endpoint = QueryCacheEndpoint.class)
public class QueryCacheEndpointWebExtension {

	private final QueryCacheEndpoint delegate;

	/**
	 * Create a new extension.
	 * @param delegate the endpoint
	 */
	public QueryCacheEndpointWebExtension(QueryCacheEndpoint delegate) {
		this.delegate = delegate;
	}

	@DeleteOperation
	public WebEndpointResponse<Object> clear(@Selector String name) {
		if (!this.delegate.clear(name)) {
			return new WebEndpointResponse<>(Map.of("error", "No cache named '" + name + "'"),
					WebEndpointResponse.STATUS_NOT_FOUND);
		}
		return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NO_CONTENT);
	}

}
