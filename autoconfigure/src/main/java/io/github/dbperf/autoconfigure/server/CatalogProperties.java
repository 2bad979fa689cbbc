package io.github.dbperf.autoconfigure.server;

import java.time.Duration;

import io.github.dbperf.autoconfigure.PropertyChecks;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties for the catalog checks: foreign keys without an index, unused and duplicate
 * indexes, tables without a primary key.
 *
 * @author dbperf
 * @since 0.2.0
 */
@ConfigurationProperties("dbperf.catalog")
public class CatalogProperties {

	/**
	 * Whether the catalogs of PostgreSQL, MySQL and MariaDB DataSources are checked for
	 * the dbperf endpoint's findings.
	 */
	private boolean enabled = true;

	/**
	 * How long the catalog findings are kept before the catalog is read again. At least
	 * 1s. At most 1d.
	 */
	private Duration refreshInterval = Duration.ofMinutes(10);

	/**
	 * The most rows each catalog query reads (indexes, foreign keys, tables).
	 */
	private int maxRows = 5000;

	/**
	 * The statement timeout of each catalog query, in whole seconds. At least 1s. At most
	 * 1m.
	 */
	private Duration statementTimeout = Duration.ofSeconds(5);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getRefreshInterval() {
		return this.refreshInterval;
	}

	public void setRefreshInterval(Duration refreshInterval) {
		this.refreshInterval = PropertyChecks.duration("dbperf.catalog.refresh-interval", refreshInterval);
	}

	public int getMaxRows() {
		return this.maxRows;
	}

	public void setMaxRows(int maxRows) {
		this.maxRows = PropertyChecks.atLeast("dbperf.catalog.max-rows", maxRows, 1);
	}

	public Duration getStatementTimeout() {
		return this.statementTimeout;
	}

	public void setStatementTimeout(Duration statementTimeout) {
		this.statementTimeout = PropertyChecks.duration("dbperf.catalog.statement-timeout", statementTimeout);
	}

}
