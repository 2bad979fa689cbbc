package io.github.dbperf.autoconfigure.actuate;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

import io.github.dbperf.actuate.DbperfSanitizer;
import io.github.dbperf.autoconfigure.InvalidDbperfPropertyException;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties for the {@code dbperf} endpoint, named like Spring Boot's
 * {@code management.endpoint.env.*}.
 *
 * @author dbperf
 * @since 0.1.0
 */
@ConfigurationProperties("management.endpoint.dbperf")
public class DbperfEndpointProperties {

	/**
	 * When to show unsanitized values: secrets in pool settings, such as driver
	 * passwords, and passwords in JDBC URLs.
	 */
	private Show showValues = Show.NEVER;

	/**
	 * Roles used to determine whether a user is authorized to be shown unsanitized
	 * values. When empty, all authenticated users are authorized.
	 */
	private Set<String> roles = new LinkedHashSet<>();

	/**
	 * Keys to mask in addition to those likely to hold a credential (ending with
	 * password, secret, key or token, or containing credentials). Each is a suffix of a
	 * setting name, or a regular expression when it contains *, $, ^ or +; case is
	 * ignored.
	 */
	private Set<String> additionalKeysToSanitize = new LinkedHashSet<>();

	public Show getShowValues() {
		return this.showValues;
	}

	public void setShowValues(Show showValues) {
		this.showValues = showValues;
	}

	public Set<String> getRoles() {
		return this.roles;
	}

	public void setRoles(Set<String> roles) {
		this.roles = roles;
	}

	public Set<String> getAdditionalKeysToSanitize() {
		return this.additionalKeysToSanitize;
	}

	public void setAdditionalKeysToSanitize(Set<String> additionalKeysToSanitize) {
		for (String key : additionalKeysToSanitize) {
			try {
				DbperfSanitizer.keyPattern(key);
			}
			catch (PatternSyntaxException ex) {
				throw new InvalidDbperfPropertyException("management.endpoint.dbperf.additional-keys-to-sanitize", key,
						"key suffixes such as sslcert, or regular expressions such as ^.*cert$");
			}
		}
		this.additionalKeysToSanitize = additionalKeysToSanitize;
	}

}
