package io.github.dbperf.autoconfigure.pool;

import java.time.Duration;

import io.github.dbperf.autoconfigure.PropertyChecks;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;

/**
 * Properties for pool tuning, connection tracking and the data-access advisor. Groups
 * name the event they watch ({@code starvation}, {@code long-hold}); a {@code *threshold}
 * is always a duration that triggers it.
 *
 * @author dbperf
 * @since 0.1.0
 */
@ConfigurationProperties("dbperf.pool")
public class PoolProperties {

	private final Tuning tuning = new Tuning();

	private final LongHold longHold = new LongHold();

	private final Starvation starvation = new Starvation();

	private final Advisor advisor = new Advisor();

	private final History history = new History();

	public PoolProperties() {
		this.starvation.longHold = this.longHold;
	}

	public Tuning getTuning() {
		return this.tuning;
	}

	public Starvation getStarvation() {
		return this.starvation;
	}

	public LongHold getLongHold() {
		return this.longHold;
	}

	public Advisor getAdvisor() {
		return this.advisor;
	}

	public History getHistory() {
		return this.history;
	}

	/**
	 * Tuned defaults for HikariCP, the JDBC driver and Hibernate. Each applies only where
	 * the application set nothing.
	 */
	public static class Tuning {

		/**
		 * Whether to apply tuned pool, driver and Hibernate defaults.
		 */
		private boolean enabled = true;

		/**
		 * How long a caller waits for a connection before failing. HikariCP's 30s hides
		 * an exhausted pool behind slow responses. At least 250ms. At most 1h.
		 */
		private Duration connectionTimeout = Duration.ofSeconds(5);

		/**
		 * How often idle connections are tested so network devices do not drop them. 0
		 * turns keepalive off; otherwise at least 30s. At most 1d.
		 */
		private Duration keepaliveTime = Duration.ofMinutes(2);

		/**
		 * The longest a connection lives in the pool. Keep it under every database and
		 * network idle cut-off. 0 means no limit; otherwise at least 30s. At most 1d.
		 */
		private Duration maxLifetime = Duration.ofMinutes(20);

		/**
		 * How long a connection may be held before HikariCP logs a possible leak with the
		 * borrower's stack. HikariCP captures that stack on every checkout, so it stays
		 * off (0) by default: dbperf lists long holders in the dbperf endpoint without
		 * that cost (dbperf.pool.long-hold.threshold). 0 or at least 2s. At most 1d.
		 */
		private Duration leakDetectionThreshold = Duration.ZERO;

		/**
		 * Whether pooled connections start with auto-commit off and Hibernate is told so
		 * (saves a round trip per transaction). Writes outside a transaction are then
		 * never committed.
		 */
		private boolean disableAutoCommit;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getConnectionTimeout() {
			return this.connectionTimeout;
		}

		public void setConnectionTimeout(Duration connectionTimeout) {
			this.connectionTimeout = PropertyChecks.duration("dbperf.pool.tuning.connection-timeout",
					connectionTimeout);
		}

		public Duration getKeepaliveTime() {
			return this.keepaliveTime;
		}

		public void setKeepaliveTime(Duration keepaliveTime) {
			this.keepaliveTime = PropertyChecks.duration("dbperf.pool.tuning.keepalive-time", keepaliveTime);
		}

		public Duration getMaxLifetime() {
			return this.maxLifetime;
		}

		public void setMaxLifetime(Duration maxLifetime) {
			this.maxLifetime = PropertyChecks.duration("dbperf.pool.tuning.max-lifetime", maxLifetime);
		}

		public Duration getLeakDetectionThreshold() {
			return this.leakDetectionThreshold;
		}

		public void setLeakDetectionThreshold(Duration leakDetectionThreshold) {
			this.leakDetectionThreshold = PropertyChecks.duration("dbperf.pool.tuning.leak-detection-threshold",
					leakDetectionThreshold);
		}

		public boolean isDisableAutoCommit() {
			return this.disableAutoCommit;
		}

		public void setDisableAutoCommit(boolean disableAutoCommit) {
			this.disableAutoCommit = disableAutoCommit;
		}

	}

	/**
	 * Callers that wait for a connection: the connections' holders are recorded.
	 */
	public static class Starvation {

		/**
		 * Waits for a connection at least this long record the connections' holders. At
		 * most 1h.
		 */
		private Duration waitThreshold = Duration.ofMillis(200);

		/**
		 * How many recent starvation events to keep per DataSource.
		 */
		private int maxEvents = 20;

		// The binder's order of the two names is not the user's: the new name wins
		private boolean waitThresholdSet;

		// The group the deprecated long-hold-threshold writes to, set by PoolProperties
		private LongHold longHold = new LongHold();

		public Duration getWaitThreshold() {
			return this.waitThreshold;
		}

		public void setWaitThreshold(Duration waitThreshold) {
			this.waitThreshold = PropertyChecks.duration("dbperf.pool.starvation.wait-threshold", waitThreshold);
			this.waitThresholdSet = true;
		}

		@Deprecated(since = "0.2.0", forRemoval = true)
		@DeprecatedConfigurationProperty(replacement = "dbperf.pool.starvation.wait-threshold", since = "0.2.0")
		public Duration getThreshold() {
			return this.waitThreshold;
		}

		@Deprecated(since = "0.2.0", forRemoval = true)
		public void setThreshold(Duration threshold) {
			Duration checked = PropertyChecks.duration("dbperf.pool.starvation.threshold", threshold);
			if (!this.waitThresholdSet) {
				this.waitThreshold = checked;
			}
		}

		public int getMaxEvents() {
			return this.maxEvents;
		}

		public void setMaxEvents(int maxEvents) {
			this.maxEvents = PropertyChecks.atLeast("dbperf.pool.starvation.max-events", maxEvents, 1);
		}

		@Deprecated(since = "0.2.0", forRemoval = true)
		@DeprecatedConfigurationProperty(replacement = "dbperf.pool.long-hold.threshold", since = "0.2.0")
		public Duration getLongHoldThreshold() {
			return this.longHold.getThreshold();
		}

		@Deprecated(since = "0.2.0", forRemoval = true)
		public void setLongHoldThreshold(Duration longHoldThreshold) {
			Duration checked = PropertyChecks.duration("dbperf.pool.starvation.long-hold-threshold", longHoldThreshold);
			if (!this.longHold.thresholdSet) {
				this.longHold.threshold = checked;
			}
		}

	}

	/**
	 * Connections held long: listed in the dbperf endpoint with their holders.
	 */
	public static class LongHold {

		/**
		 * Connections held at least this long are listed in the dbperf endpoint with the
		 * unit of work that borrowed them and their thread's current stack. At most 1d.
		 */
		private Duration threshold = Duration.ofSeconds(60);

		// The binder's order of the two names is not the user's: the new name wins
		private boolean thresholdSet;

		public Duration getThreshold() {
			return this.threshold;
		}

		public void setThreshold(Duration threshold) {
			this.threshold = PropertyChecks.duration("dbperf.pool.long-hold.threshold", threshold);
			this.thresholdSet = true;
		}

	}

	/**
	 * The data-access advisor.
	 */
	public static class Advisor {

		/**
		 * Whether to log the advisor's findings once at startup, one line each.
		 */
		private boolean logAtStartup = true;

		public boolean isLogAtStartup() {
			return this.logAtStartup;
		}

		public void setLogAtStartup(boolean logAtStartup) {
			this.logAtStartup = logAtStartup;
		}

	}

	/**
	 * The recent pool states the dashboard charts: one ring of samples per pool, kept in
	 * memory (20 bytes a sample) and shown by the dbperf endpoint.
	 */
	public static class History {

		/**
		 * Whether to sample each HikariCP pool's active, idle and pending counts.
		 */
		private boolean enabled = true;

		/**
		 * Time between samples, at least 10ms. At most 1h.
		 */
		private Duration interval = Duration.ofSeconds(5);

		/**
		 * How long samples are kept: retention / interval samples per pool, at most
		 * 10000, and at least 1s. At most 1d.
		 */
		private Duration retention = Duration.ofMinutes(30);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = PropertyChecks.duration("dbperf.pool.history.interval", interval);
		}

		public Duration getRetention() {
			return this.retention;
		}

		public void setRetention(Duration retention) {
			this.retention = PropertyChecks.duration("dbperf.pool.history.retention", retention);
		}

	}

}
