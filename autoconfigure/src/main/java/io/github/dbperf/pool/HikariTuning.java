package io.github.dbperf.pool;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.Objects;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Tuned HikariCP defaults, and what was applied to each pool so the advisor can tell
 * tuned values from the application's own. Each value is applied only where the pool
 * still holds HikariCP's own default, and before Spring Boot binds
 * {@code spring.datasource.hikari.*}, so anything the application sets wins.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class HikariTuning {

	private static final HikariConfig HIKARI_DEFAULTS = new HikariConfig();

	private final Duration connectionTimeout;

	private final Duration keepaliveTime;

	private final Duration maxLifetime;

	private final Duration leakDetectionThreshold;

	private final boolean disableAutoCommit;

	// Weak keys: a refreshed scoped pool must not be kept alive by what was applied to it
	private final Map<HikariDataSource, Map<String, Object>> applied = Collections.synchronizedMap(new WeakHashMap<>());

	/**
	 * Create a new instance.
	 * @param connectionTimeout how long a caller waits for a connection before failing
	 * @param keepaliveTime how often idle connections are tested
	 * @param maxLifetime the longest a connection lives in the pool
	 * @param leakDetectionThreshold how long a connection may be held before a leak
	 * warning
	 * @param disableAutoCommit whether pooled connections start with auto-commit off
	 */
	public HikariTuning(Duration connectionTimeout, Duration keepaliveTime, Duration maxLifetime,
			Duration leakDetectionThreshold, boolean disableAutoCommit) {
		this.connectionTimeout = connectionTimeout;
		this.keepaliveTime = keepaliveTime;
		this.maxLifetime = maxLifetime;
		this.leakDetectionThreshold = leakDetectionThreshold;
		this.disableAutoCommit = disableAutoCommit;
	}

	/**
	 * Apply the tuned defaults to a pool that has not started yet; call before the pool's
	 * properties are bound.
	 * @param dataSource the pool
	 * @param beanName its bean name, used as pool name when none is set
	 */
	public void beforeBinding(HikariDataSource dataSource, String beanName) {
		if (dataSource.isRunning() || dataSource.getHikariPoolMXBean() != null) {
			this.applied.put(dataSource, new LinkedHashMap<>());
			return;
		}
		Map<String, Object> applied = new LinkedHashMap<>();
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
			dataSource.setPoolName(beanName);
			applied.put("poolName", beanName);
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
		this.applied.put(dataSource, applied);
	}

	/**
	 * Make the pool fixed-size, as HikariCP's pool-sizing guidance advises, unless the
	 * application chose a minimum itself; call once the pool's properties are bound.
	 * @param dataSource the pool
	 */
	public void afterBinding(HikariDataSource dataSource) {
		Map<String, Object> applied = this.applied.get(dataSource);
		if (applied != null && dataSource.getHikariPoolMXBean() == null
				&& dataSource.getMinimumIdle() == HIKARI_DEFAULTS.getMinimumIdle()
				&& dataSource.getMaximumPoolSize() > 0) {
			dataSource.setMinimumIdle(dataSource.getMaximumPoolSize());
			applied.put("minimumIdle", dataSource.getMaximumPoolSize());
		}
	}

	/**
	 * Return the settings dbperf applied to a pool.
	 * @param dataSource the pool
	 * @return the settings by HikariCP property name, empty if none
	 */
	public Map<String, Object> applied(HikariDataSource dataSource) {
		return Collections.unmodifiableMap(this.applied.getOrDefault(dataSource, Collections.emptyMap()));
	}

	/**
	 * Return whether a value is HikariCP's own default for a property.
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
