package io.github.dbperf.actuate;

import java.util.Set;

import io.github.dbperf.actuate.DbperfEndpoint.DbperfDescriptor;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * {@link EndpointWebExtension @EndpointWebExtension} for the {@link DbperfEndpoint}: with
 * {@link Show#WHEN_AUTHORIZED}, unsanitized values are shown only to an authenticated
 * user holding one of the roles (any authenticated user when no roles are set).
 *
 * @author dbperf
 * @since 0.1.0
 */
@EndpointWebExtension(endpoint = DbperfEndpoint.class)
public class DbperfEndpointWebExtension {

	private final DbperfEndpoint delegate;

	private final Show showValues;

	private final Set<String> roles;

	/**
	 * Create a new extension.
	 * @param delegate the endpoint
	 * @param showValues when to show unsanitized values
	 * @param roles the roles that may see unsanitized values, or empty for any
	 * authenticated user
	 */
	public DbperfEndpointWebExtension(DbperfEndpoint delegate, Show showValues, Set<String> roles) {
		this.delegate = delegate;
		this.showValues = showValues;
		this.roles = Set.copyOf(roles);
	}

	@ReadOperation
	public DbperfDescriptor dbperf(SecurityContext securityContext) {
		return this.delegate.dbperf(this.showValues.isShown(securityContext, this.roles));
	}

}
