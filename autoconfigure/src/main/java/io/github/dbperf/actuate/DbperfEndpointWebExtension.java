package io.github.dbperf.actuate;

import java.util.Set;

import io.github.dbperf.actuate.DbperfEndpoint.DbperfDescriptor;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;
import org.springframework.core.io.Resource;
import org.springframework.util.MimeType;

/**
 * {@link EndpointWebExtension @EndpointWebExtension} for the {@link DbperfEndpoint}: with
 * {@link Show#WHEN_AUTHORIZED}, unsanitized values are shown only to an authenticated
 * user holding one of the roles (any authenticated user when no roles are set). It also
 * serves the dashboard, a page at {@code dbperf/ui} with its files at
 * {@code dbperf/ui/{file}}, so the page has exactly the exposure, port and security of
 * the endpoint and reads the JSON endpoints next to it with relative URLs.
 *
 * @author dbperf
 * @since 0.1.0
 */
@EndpointWebExtension(endpoint = DbperfEndpoint.class)
public class DbperfEndpointWebExtension {

	private final DbperfEndpoint delegate;

	private final Show showValues;

	private final Set<String> roles;

	private final DashboardAssets assets = new DashboardAssets();

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

	/**
	 * Serve the dashboard's page.
	 * @param page {@code ui}
	 * @return the page, or 404 for any other name
	 */
	@ReadOperation(produces = "text/html")
	public WebEndpointResponse<Resource> page(@Selector String page) {
		if (!DashboardAssets.PAGE.equals(page)) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		return asset(page);
	}

	/**
	 * Serve one of the dashboard's files: its script and style, and uPlot's.
	 * @param page {@code ui}
	 * @param file the file's name
	 * @return the file, or 404 when the dashboard has no such file
	 */
	@ReadOperation(produces = { "application/javascript", "text/css" })
	public WebEndpointResponse<Resource> file(@Selector String page, @Selector String file) {
		if (!DashboardAssets.PAGE.equals(page) || DashboardAssets.PAGE.equals(file)) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		return asset(file);
	}

	private WebEndpointResponse<Resource> asset(String name) {
		MimeType contentType = this.assets.contentType(name);
		Resource resource = this.assets.resource(name);
		if (contentType == null || resource == null) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		return new WebEndpointResponse<>(resource, WebEndpointResponse.STATUS_OK, contentType);
	}

}
