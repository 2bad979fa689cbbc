package io.github.dbperf.actuate;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * {@link EndpointWebExtension @EndpointWebExtension} for the {@link SlowQueriesEndpoint}:
 * 400 with a message for a bad {@code sort}, {@code limit} or {@code startup}, 404 for an
 * unknown id.
 *
 * @author dbperf
 * @since 0.1.0
 */
@EndpointWebExtension(endpoint = SlowQueriesEndpoint.class)
public class SlowQueriesEndpointWebExtension {

	private final SlowQueriesEndpoint delegate;

	/**
	 * Create a new extension.
	 * @param delegate the endpoint
	 */
	public SlowQueriesEndpointWebExtension(SlowQueriesEndpoint delegate) {
		this.delegate = delegate;
	}

	@ReadOperation
	public WebEndpointResponse<Object> slowQueries(@Nullable String sort, @Nullable String limit,
			@Nullable String startup) {
		try {
			return new WebEndpointResponse<>(this.delegate.slowQueries(sort, limit, startup));
		}
		catch (InvalidEndpointRequestException ex) {
			return new WebEndpointResponse<>(Map.of("error", ex.getMessage()), WebEndpointResponse.STATUS_BAD_REQUEST);
		}
	}

	@ReadOperation
	public WebEndpointResponse<Object> slowQuery(@Selector String id) {
		Object entry = this.delegate.slowQuery(id);
		if (entry == null) {
			return new WebEndpointResponse<>(Map.of("error", "No fingerprint with id '" + id + "'"),
					WebEndpointResponse.STATUS_NOT_FOUND);
		}
		return new WebEndpointResponse<>(entry);
	}

}
