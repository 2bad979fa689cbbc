package io.github.dbperf.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties shared by every dbperf capability.
 *
 * @author dbperf
 * @since 0.1.0
 */
@ConfigurationProperties("dbperf")
public class DbperfProperties {

	/**
	 * Whether dbperf is enabled. When false, no DataSource is wrapped or tuned.
	 */
	private boolean enabled = true;

	/**
	 * Packages whose stack frames are the application's call sites. Defaults to the
	 * auto-configuration packages (those of the @SpringBootApplication class).
	 */
	private List<String> applicationPackages = new ArrayList<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getApplicationPackages() {
		return this.applicationPackages;
	}

	public void setApplicationPackages(List<String> applicationPackages) {
		this.applicationPackages = applicationPackages;
	}

}
