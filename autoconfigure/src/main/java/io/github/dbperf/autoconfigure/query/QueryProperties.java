package io.github.dbperf.autoconfigure.query;

import java.time.Duration;

import io.github.dbperf.autoconfigure.InvalidDbperfPropertyException;
import io.github.dbperf.autoconfigure.PropertyChecks;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * Properties for the query store, the slow-query log and statement metrics.
 *
 * @author dbperf
 * @since 0.1.0
 */
@ConfigurationProperties("dbperf.queries")
public class QueryProperties {

	/**
	 * Statements at least this slow are logged at WARN and counted as slow calls. At most
	 * 1d.
	 */
	private Duration slowThreshold = Duration.ofMillis(100);

	/**
	 * The least time between two slow-query log lines for one fingerprint. 0 logs every
	 * slow statement. At most 1d.
	 */
	private Duration slowLogInterval = Duration.ofSeconds(10);

	/**
	 * The most fingerprints the query store keeps; the least-used 5% are evicted when
	 * full.
	 */
	private int maxFingerprints = 5000;

	/**
	 * The most characters of normalized SQL kept per fingerprint and shown in the
	 * endpoints, the slow-query log and N+1 reports (at most 2 bytes each); longer text
	 * is cut and ends with a "cut" comment.
	 */
	private int maxSqlLength = 2000;

	/**
	 * The most heap the cached fingerprints of distinct SQL strings take, per SQL dialect
	 * in use. Replaced by dbperf.jdbc.fingerprint-cache-max-size, which wins when both
	 * are set.
	 */
	private DataSize fingerprintCacheMaxSize = DataSize.ofMegabytes(8);

	/**
	 * Whether bind-parameter values are kept in slow samples and the slow-query log.
	 * Replaced by dbperf.jdbc.capture-parameters, which wins when both are set.
	 */
	private boolean captureParameters;

	/**
	 * Whether repository methods are timed and statements attributed to them.
	 */
	private boolean repositoryTimer = true;

	/**
	 * Whether DDL (create, alter, drop, rename, comment, grant, revoke) at or above the
	 * slow threshold is logged.
	 */
	private boolean slowLogDdl;

	/**
	 * Whether slow statements that run while the application starts (schema scripts,
	 * migrations, seeding runners) are logged one by one. When off, one INFO line sums
	 * them up once the application is ready.
	 */
	private boolean slowLogStartup;

	/**
	 * The most distinct values of the "repository" tag of statement metrics (repository
	 * methods, or the unit of work of statements run outside them); the rest are tagged
	 * "other". Bounds the metrics only: the repository timer has its own bound,
	 * max-repository-methods.
	 */
	private int maxRepositoryTags = 100;

	/**
	 * The most repository methods the repository timer keeps statistics of (shown by the
	 * slowqueries endpoint); methods first called after that are not timed until a reset.
	 */
	private int maxRepositoryMethods = 1000;

	private final Metrics metrics = new Metrics();

	public Duration getSlowThreshold() {
		return this.slowThreshold;
	}

	public void setSlowThreshold(Duration slowThreshold) {
		this.slowThreshold = PropertyChecks.duration("dbperf.queries.slow-threshold", slowThreshold);
	}

	public Duration getSlowLogInterval() {
		return this.slowLogInterval;
	}

	public void setSlowLogInterval(Duration slowLogInterval) {
		this.slowLogInterval = PropertyChecks.duration("dbperf.queries.slow-log-interval", slowLogInterval);
	}

	public boolean isSlowLogDdl() {
		return this.slowLogDdl;
	}

	public void setSlowLogDdl(boolean slowLogDdl) {
		this.slowLogDdl = slowLogDdl;
	}

	public boolean isSlowLogStartup() {
		return this.slowLogStartup;
	}

	public void setSlowLogStartup(boolean slowLogStartup) {
		this.slowLogStartup = slowLogStartup;
	}

	public int getMaxFingerprints() {
		return this.maxFingerprints;
	}

	public void setMaxFingerprints(int maxFingerprints) {
		this.maxFingerprints = PropertyChecks.atLeast("dbperf.queries.max-fingerprints", maxFingerprints, 20);
	}

	public int getMaxSqlLength() {
		return this.maxSqlLength;
	}

	public void setMaxSqlLength(int maxSqlLength) {
		this.maxSqlLength = PropertyChecks.atLeast("dbperf.queries.max-sql-length", maxSqlLength, 20);
	}

	@Deprecated(since = "0.2.0", forRemoval = true)
	@DeprecatedConfigurationProperty(replacement = "dbperf.jdbc.fingerprint-cache-max-size", since = "0.2.0")
	public DataSize getFingerprintCacheMaxSize() {
		return this.fingerprintCacheMaxSize;
	}

	@Deprecated(since = "0.2.0", forRemoval = true)
	public void setFingerprintCacheMaxSize(DataSize fingerprintCacheMaxSize) {
		if (fingerprintCacheMaxSize.toBytes() < 1024) {
			throw new InvalidDbperfPropertyException("dbperf.queries.fingerprint-cache-max-size",
					fingerprintCacheMaxSize, "a size of at least 1KB");
		}
		this.fingerprintCacheMaxSize = fingerprintCacheMaxSize;
	}

	@Deprecated(since = "0.2.0", forRemoval = true)
	@DeprecatedConfigurationProperty(replacement = "dbperf.jdbc.capture-parameters", since = "0.2.0")
	public boolean isCaptureParameters() {
		return this.captureParameters;
	}

	@Deprecated(since = "0.2.0", forRemoval = true)
	public void setCaptureParameters(boolean captureParameters) {
		this.captureParameters = captureParameters;
	}

	public boolean isRepositoryTimer() {
		return this.repositoryTimer;
	}

	public void setRepositoryTimer(boolean repositoryTimer) {
		this.repositoryTimer = repositoryTimer;
	}

	public int getMaxRepositoryMethods() {
		return this.maxRepositoryMethods;
	}

	public void setMaxRepositoryMethods(int maxRepositoryMethods) {
		this.maxRepositoryMethods = PropertyChecks.atLeast("dbperf.queries.max-repository-methods",
				maxRepositoryMethods, 1);
	}

	public Metrics getMetrics() {
		return this.metrics;
	}

	public int getMaxRepositoryTags() {
		return this.maxRepositoryTags;
	}

	public void setMaxRepositoryTags(int maxRepositoryTags) {
		this.maxRepositoryTags = PropertyChecks.atLeast("dbperf.queries.max-repository-tags", maxRepositoryTags, 1);
	}

	/**
	 * Series per fingerprint for the fingerprints with the most total time.
	 */
	public static class Metrics {

		/**
		 * The most fingerprints with series of their own.
		 */
		static final int MAX_TOP_N = 500;

		/**
		 * Whether the fingerprints with the most total time get series of their own
		 * (dbperf.queries and the histogram buckets dbperf.queries.latency, tagged with
		 * the fingerprint id), the rest summed as fingerprint "other".
		 */
		private boolean enabled = true;

		/**
		 * How many fingerprints get series of their own, from 1 to 500. Each costs 14
		 * series per instance (calls, time and 12 histogram buckets).
		 */
		private int topN = 50;

		/**
		 * How often the top fingerprints and their series are recomputed from the query
		 * store. At least 1s. At most 1h.
		 */
		private Duration refreshInterval = Duration.ofSeconds(15);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getTopN() {
			return this.topN;
		}

		public void setTopN(int topN) {
			if (topN < 1 || topN > MAX_TOP_N) {
				throw new InvalidDbperfPropertyException("dbperf.queries.metrics.top-n", topN,
						"a whole number from 1 to " + MAX_TOP_N);
			}
			this.topN = topN;
		}

		public Duration getRefreshInterval() {
			return this.refreshInterval;
		}

		public void setRefreshInterval(Duration refreshInterval) {
			this.refreshInterval = PropertyChecks.duration("dbperf.queries.metrics.refresh-interval", refreshInterval);
		}

	}

}
