package io.github.dbperf.autoconfigure.jdbc;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties for statement capture.
 *
 * @author dbperf
 * @since 0.1.0
 */
@ConfigurationProperties("dbperf.jdbc")
public class JdbcCaptureProperties {

	/**
	 * Whether to wrap DataSource beans to time every statement and track connections.
	 */
	private boolean enabled = true;

	/**
	 * Names of DataSource beans to leave unwrapped.
	 */
	private Set<String> excludeBeans = new LinkedHashSet<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Set<String> getExcludeBeans() {
		return this.excludeBeans;
	}

	public void setExcludeBeans(Set<String> excludeBeans) {
		this.excludeBeans = excludeBeans;
	}

}
