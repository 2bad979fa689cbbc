package io.github.dbperf.advisor;

import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.github.dbperf.pool.PoolSettings;
import io.github.dbperf.rules.Finding;
import io.github.dbperf.rules.Rule;
import io.github.dbperf.rules.Rules;
import io.github.dbperf.rules.Severity;
import io.github.dbperf.rules.Where;

/**
 * The {@link io.github.dbperf.rules.RuleCategory#CONFIGURATION configuration} rules about
 * a HikariCP pool: its settings against the database's limits and dbperf's connection
 * tracking.
 *
 * @author dbperf
 * @since 0.1.0
 */
final class PoolChecks {

	private static final long SLOW_CONNECTION_TIMEOUT_MILLIS = 30_000;

	private static final long IDLE_CUT_OFF_MARGIN_MILLIS = 30_000;

	private PoolChecks() {
	}

	/**
	 * Check one pool.
	 * @param beanName the DataSource bean name
	 * @param pool the pool
	 * @param database what the database said about itself
	 * @param holdersTracked whether dbperf tracks who holds this pool's connections
	 * @return the findings
	 */
	static List<Finding> check(String beanName, HikariDataSource pool, DatabaseFacts database, boolean holdersTracked) {
		List<Finding> findings = new ArrayList<>();
		String prefix = "spring.datasource.hikari.";
		if (pool.getLeakDetectionThreshold() == 0 && !holdersTracked) {
			findings.add(finding(Rules.CONFIG_LEAK_DETECTION_OFF, beanName, "Connection leak detection is off on '"
					+ beanName
					+ "' and dbperf does not wrap it: a connection that is never returned drains the pool without a trace.",
					prefix + "leak-detection-threshold",
					"Let dbperf wrap the DataSource (it lists long holders in the dbperf endpoint), or set " + prefix
							+ "leak-detection-threshold to a little more than your longest transaction, such as 60s."));
		}
		else if (pool.getLeakDetectionThreshold() > 0 && holdersTracked) {
			findings.add(finding(Rules.CONFIG_HIKARI_LEAK_DETECTION_OVERHEAD, beanName,
					"HikariCP captures the borrower's stack on every checkout of '" + beanName
							+ "' for leak detection (microseconds each, paid by every request); dbperf already lists connections held long in the dbperf endpoint.",
					prefix + "leak-detection-threshold",
					"Set " + prefix
							+ "leak-detection-threshold=0 (or drop dbperf.pool.tuning.leak-detection-threshold if that is"
							+ " what turned it on) unless you need HikariCP's log line with the borrowing stack."));
		}
		if (pool.getConnectionTimeout() == 0 || pool.getConnectionTimeout() >= SLOW_CONNECTION_TIMEOUT_MILLIS) {
			findings.add(finding(Rules.CONFIG_SLOW_CONNECTION_TIMEOUT, beanName, "Callers of '" + beanName
					+ "' wait up to " + PoolSettings.formatMillis(pool.getConnectionTimeout())
					+ " for a connection: an exhausted pool looks like a slow application instead of failing fast.",
					prefix + "connection-timeout",
					"Set " + prefix + "connection-timeout to a few seconds, such as 5s."));
		}
		if (PoolSettings.effectiveMinimumIdle(pool) < pool.getMaximumPoolSize()) {
			findings.add(finding(Rules.CONFIG_POOL_NOT_FIXED_SIZE, beanName,
					"Pool '" + beanName + "' is not fixed-size (minimumIdle " + pool.getMinimumIdle()
							+ " < maximumPoolSize " + pool.getMaximumPoolSize()
							+ "): bursts pay for opening connections.",
					prefix + "minimum-idle", "Remove " + prefix
							+ "minimum-idle so the pool keeps maximumPoolSize connections, as HikariCP advises."));
		}
		checkConnectionLimit(beanName, pool, database, findings);
		checkIdleCutOff(beanName, pool, database, findings);
		return findings;
	}

	private static void checkConnectionLimit(String beanName, HikariDataSource pool, DatabaseFacts database,
			List<Finding> findings) {
		if (database.maxConnections() == null) {
			return;
		}
		int reserved = (database.reservedConnections() != null) ? database.reservedConnections() : 0;
		int usable = database.maxConnections() - reserved;
		int size = pool.getMaximumPoolSize();
		String setting = "spring.datasource.hikari.maximum-pool-size";
		if (size > usable) {
			findings.add(finding(Rules.CONFIG_POOL_ABOVE_MAX_CONNECTIONS, beanName,
					"Pool '" + beanName + "' may open " + size + " connections but " + database.product() + " allows "
							+ usable + " (max_connections " + database.maxConnections() + ", reserved " + reserved
							+ "): the pool can never fill and callers will time out.",
					setting, "Lower " + setting + " below " + usable
							+ ", or raise max_connections; size pools by database cores, not request threads."));
		}
		else if (size * 2 > usable) {
			findings.add(finding(Rules.CONFIG_POOL_ABOVE_MAX_CONNECTIONS, beanName,
					"Pool '" + beanName + "' takes " + size + " of the " + usable + " connections " + database.product()
							+ " allows: a second instance of this application exhausts the database.",
					setting,
					"Keep the sum of all instances' pools under max_connections (" + database.maxConnections() + ").")
				.withSeverity(Severity.WARN));
		}
	}

	private static Finding finding(Rule rule, String beanName, String message, String setting, String fix) {
		return rule.finding(message, fix, Where.setting(setting).withDataSource(beanName));
	}

	private static void checkIdleCutOff(String beanName, HikariDataSource pool, DatabaseFacts database,
			List<Finding> findings) {
		Long idleSeconds = database.idleTimeoutSeconds();
		if (idleSeconds == null || idleSeconds <= 0) {
			return;
		}
		long cutOffMillis = idleSeconds * 1000;
		long maxLifetime = pool.getMaxLifetime();
		if (maxLifetime == 0 || maxLifetime >= cutOffMillis - IDLE_CUT_OFF_MARGIN_MILLIS) {
			findings.add(finding(Rules.CONFIG_MAX_LIFETIME_ABOVE_WAIT_TIMEOUT, beanName,
					"Pool '" + beanName + "' keeps connections for "
							+ ((maxLifetime == 0) ? "ever" : PoolSettings.formatMillis(maxLifetime)) + " but "
							+ database.product() + " closes idle connections after " + idleSeconds
							+ "s (wait_timeout / idle_session_timeout): callers get dead connections.",
					"spring.datasource.hikari.max-lifetime",
					"Set spring.datasource.hikari.max-lifetime at least 30s below " + idleSeconds
							+ "s, or raise the server's idle timeout."));
		}
	}

}
