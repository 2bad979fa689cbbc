package io.github.dbperf.autoconfigure.jdbc;

import java.util.LinkedHashSet;
import java.util.Set;

import io.github.dbperf.autoconfigure.InvalidDbperfPropertyException;
import io.github.dbperf.autoconfigure.PropertyChecks;

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

	/**
	 * Thresholds of the sql rules, checked once per new fingerprint.
	 */
	private final SqlRules sqlRules = new SqlRules();

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

	public SqlRules getSqlRules() {
		return this.sqlRules;
	}

	static DataSize checkFingerprintCacheMaxSize(String property, DataSize size) {
		if (size.toBytes() < 1024) {
			throw new InvalidDbperfPropertyException(property, size, "a size of at least 1KB");
		}
		return size;
	}

	/**
	 * Thresholds of the {@code sql} rules.
	 */
	public static class SqlRules {

		/**
		 * The most items of one IN list before the sql-large-in-list rule reports it.
		 */
		private int maxInListSize = 500;

		/**
		 * The largest literal OFFSET before the sql-deep-offset rule reports it. An
		 * OFFSET given as a bind parameter is never reported: its value is not known.
		 */
		private int maxOffset = 1000;

		public int getMaxInListSize() {
			return this.maxInListSize;
		}

		public void setMaxInListSize(int maxInListSize) {
			this.maxInListSize = PropertyChecks.atLeast("dbperf.jdbc.sql-rules.max-in-list-size", maxInListSize, 1);
		}

		public int getMaxOffset() {
			return this.maxOffset;
		}

		public void setMaxOffset(int maxOffset) {
			this.maxOffset = PropertyChecks.atLeast("dbperf.jdbc.sql-rules.max-offset", maxOffset, 0);
		}

	}

}
