package io.github.dbperf.autoconfigure.jdbc;

import java.util.LinkedHashSet;
import java.util.Set;

import io.github.dbperf.autoconfigure.InvalidDbperfPropertyException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

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

	/**
	 * Whether bind-parameter values are kept in slow samples and the slow-query log. They
	 * may hold personal data.
	 */
	private boolean captureParameters;

	/**
	 * The most heap the cached fingerprints of distinct SQL strings take, per SQL dialect
	 * in use. Statements longer than 16K characters are never cached.
	 */
	private DataSize fingerprintCacheMaxSize = DataSize.ofMegabytes(8);

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

	public boolean isCaptureParameters() {
		return this.captureParameters;
	}

	public void setCaptureParameters(boolean captureParameters) {
		this.captureParameters = captureParameters;
	}

	public DataSize getFingerprintCacheMaxSize() {
		return this.fingerprintCacheMaxSize;
	}

	public void setFingerprintCacheMaxSize(DataSize fingerprintCacheMaxSize) {
		this.fingerprintCacheMaxSize = checkFingerprintCacheMaxSize("dbperf.jdbc.fingerprint-cache-max-size",
				fingerprintCacheMaxSize);
	}

	static DataSize checkFingerprintCacheMaxSize(String property, DataSize size) {
		if (size.toBytes() < 1024) {
			throw new InvalidDbperfPropertyException(property, size, "a size of at least 1KB");
		}
		return size;
	}

}
