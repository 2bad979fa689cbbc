package io.github.dbperf.pool;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Tuned HikariCP defaults. Each value is applied only where the pool still holds
 * HikariCP's own default, and before Spring Boot binds
 * {@code spring.datasource.hikari.*}, so anything the application sets wins.
 *
 * @param connectionTimeout how long a caller waits for a connection before failing
 * @param keepaliveTime how often idle connections are tested
 * @param maxLifetime the longest a connection lives in the pool
 * @param leakDetectionThreshold how long a connection may be held before a leak warning
 * @param disableAutoCommit whether pooled connections start with auto-commit off
 * @author dbperf
 * @since 0.1.0
 */
public record HikariTuning(Duration connectionTimeout, Duration keepaliveTime, Duration maxLifetime,
		Duration leakDetectionThreshold, boolean disableAutoCommit) {

	private static final HikariConfig HIKARI_DEFAULTS = new HikariConfig();

	/**
	 * Apply the tuned defaults to a pool that has not started yet.
	 * @param dataSource the pool
	 * @param name the pool name to use when none is set
	 * @return the settings that were applied, by HikariCP property name
	 */
	public Map<String, Object> applyTo(HikariDataSource dataSource, String name) {
		Map<String, Object> applied = new LinkedHashMap<>();
		if (dataSource.isRunning() || dataSource.getHikariPoolMXBean() != null) {
			return applied;
		}
		if (dataSource.getConnectionTimeout() == HIKARI_DEFAULTS.getConnectionTimeout()) {
			dataSource.setConnectionTimeout(this.connectionTimeout.toMillis());
			applied.put("connectionTimeout", this.connectionTimeout.toMillis());
		}
		if (dataSource.getKeepaliveTime() == HIKARI_DEFAULTS.getKeepaliveTime()) {
			dataSource.setKeepaliveTime(this.keepaliveTime.toMillis());
			applied.put("keepaliveTime", this.keepaliveTime.toMillis());
		}
		if (dataSource.getMaxLifetime() == HIKARI_DEFAULTS.getMaxLifetime()) {
			dataSource.setMaxLifetime(this.maxLifetime.toMillis());
			applied.put("maxLifetime", this.maxLifetime.toMillis());
		}
		if (dataSource.getLeakDetectionThreshold() == HIKARI_DEFAULTS.getLeakDetectionThreshold()
				&& this.leakDetectionThreshold.toMillis() != HIKARI_DEFAULTS.getLeakDetectionThreshold()) {
			dataSource.setLeakDetectionThreshold(this.leakDetectionThreshold.toMillis());
			applied.put("leakDetectionThreshold", this.leakDetectionThreshold.toMillis());
		}
		if (dataSource.getPoolName() == null) {
			dataSource.setPoolName(name);
			applied.put("poolName", name);
		}
		if (this.disableAutoCommit && dataSource.isAutoCommit()) {
			dataSource.setAutoCommit(false);
			applied.put("autoCommit", false);
		}
		String jdbcUrl = dataSource.getJdbcUrl();
		if (jdbcUrl != null) {
			DriverTuning.forJdbcUrl(jdbcUrl).forEach((key, value) -> {
				if (!dataSource.getDataSourceProperties().containsKey(key)) {
					dataSource.addDataSourceProperty(key, value);
					applied.put("dataSourceProperties." + key, value);
				}
			});
		}
		return applied;
	}

	/**
	 * Make the pool fixed-size, as HikariCP's pool-sizing guidance advises, unless the
	 * application chose a minimum itself. Runs after property binding.
	 * @param dataSource the pool
	 * @param applied the settings applied so far, updated in place
	 */
	public void fixPoolSize(HikariDataSource dataSource, Map<String, Object> applied) {
		if (dataSource.getHikariPoolMXBean() == null && dataSource.getMinimumIdle() == HIKARI_DEFAULTS.getMinimumIdle()
				&& dataSource.getMaximumPoolSize() > 0) {
			dataSource.setMinimumIdle(dataSource.getMaximumPoolSize());
			applied.put("minimumIdle", dataSource.getMaximumPoolSize());
		}
	}

	/**
	 * Return HikariCP's own default for a property, as {@link PoolSettings} reports it.
	 * @param name the HikariCP property name
	 * @param value the effective value
	 * @return whether the value is HikariCP's default
	 */
	static boolean isHikariDefault(String name, Object value) {
		Object defaultValue = switch (name) {
			case "connectionTimeout" -> HIKARI_DEFAULTS.getConnectionTimeout();
			case "validationTimeout" -> HIKARI_DEFAULTS.getValidationTimeout();
			case "idleTimeout" -> HIKARI_DEFAULTS.getIdleTimeout();
			case "maxLifetime" -> HIKARI_DEFAULTS.getMaxLifetime();
			case "keepaliveTime" -> HIKARI_DEFAULTS.getKeepaliveTime();
			case "leakDetectionThreshold" -> HIKARI_DEFAULTS.getLeakDetectionThreshold();
			case "maximumPoolSize" -> 10;
			case "autoCommit" -> HIKARI_DEFAULTS.isAutoCommit();
			default -> null;
		};
		return Objects.equals(defaultValue, value);
	}

}
