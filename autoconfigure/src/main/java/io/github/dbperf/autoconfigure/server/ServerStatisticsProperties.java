package io.github.dbperf.autoconfigure.server;

import java.time.Duration;

import io.github.dbperf.autoconfigure.PropertyChecks;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties for reading the database's own statement statistics (pg_stat_statements,
 * MySQL's and MariaDB's performance schema).
 *
 * @author dbperf
 * @since 0.2.0
 */
@ConfigurationProperties("dbperf.server-statistics")
public class ServerStatisticsProperties {

	/**
	 * Whether the slowqueries endpoint shows the database's own statistics of a
	 * fingerprint.
	 */
	private boolean enabled = true;

	/**
	 * How long one read of the statistics is kept before the next request reads them
	 * again. At least 1s. At most 1d.
	 */
	private Duration maxAge = Duration.ofSeconds(30);

	/**
	 * The most statement entries read per DataSource, those with the most total time
	 * first.
	 */
	private int maxRows = 500;

	/**
	 * The statement timeout of each read, in whole seconds. At least 1s. At most 1m.
	 */
	private Duration statementTimeout = Duration.ofSeconds(2);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getMaxAge() {
		return this.maxAge;
	}

	public void setMaxAge(Duration maxAge) {
		this.maxAge = PropertyChecks.duration("dbperf.server-statistics.max-age", maxAge);
	}

	public int getMaxRows() {
		return this.maxRows;
	}

	public void setMaxRows(int maxRows) {
		this.maxRows = PropertyChecks.atLeast("dbperf.server-statistics.max-rows", maxRows, 1);
	}

	public Duration getStatementTimeout() {
		return this.statementTimeout;
	}

	public void setStatementTimeout(Duration statementTimeout) {
		this.statementTimeout = PropertyChecks.duration("dbperf.server-statistics.statement-timeout", statementTimeout);
	}

}
