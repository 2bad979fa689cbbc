package io.github.dbperf.pool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Describes a pool's effective settings, each with its {@link SettingSource}. Values are
 * as configured, secrets included (driver passwords, passwords in the JDBC URL): whatever
 * shows them must mask them, as the dbperf endpoint does.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class PoolSettings {

	private PoolSettings() {
	}

	/**
	 * Describe a pool.
	 * @param dataSource the pool
	 * @param applied the settings dbperf applied to it
	 * @param userSet tells whether the application set a HikariCP property (by name)
	 * @return the settings in a stable order
	 */
	public static List<PoolSetting> describe(HikariDataSource dataSource, Map<String, Object> applied,
			Predicate<String> userSet) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("poolName", dataSource.getPoolName());
		if (dataSource.getJdbcUrl() != null) {
			values.put("jdbcUrl", dataSource.getJdbcUrl());
		}
		values.put("maximumPoolSize", dataSource.getMaximumPoolSize());
		values.put("minimumIdle", effectiveMinimumIdle(dataSource));
		values.put("connectionTimeout", dataSource.getConnectionTimeout());
		values.put("validationTimeout", dataSource.getValidationTimeout());
		values.put("idleTimeout", dataSource.getIdleTimeout());
		values.put("maxLifetime", dataSource.getMaxLifetime());
		values.put("keepaliveTime", dataSource.getKeepaliveTime());
		values.put("leakDetectionThreshold", dataSource.getLeakDetectionThreshold());
		values.put("autoCommit", dataSource.isAutoCommit());
		List<PoolSetting> settings = new ArrayList<>();
		values.forEach((name, value) -> settings
			.add(new PoolSetting(name, format(name, value), sourceOf(name, value, applied, userSet))));
		dataSource.getDataSourceProperties().forEach((key, value) -> {
			String name = "dataSourceProperties." + key;
			boolean tuned = Objects.equals(String.valueOf(applied.get(name)), String.valueOf(value));
			settings
				.add(new PoolSetting(name, String.valueOf(value), tuned ? SettingSource.DBPERF : SettingSource.USER));
		});
		return settings;
	}

	/**
	 * Return the minimum idle count HikariCP will use.
	 * @param dataSource the pool
	 * @return the minimum idle count
	 */
	public static int effectiveMinimumIdle(HikariDataSource dataSource) {
		int minimumIdle = dataSource.getMinimumIdle();
		return (minimumIdle < 0 || minimumIdle > dataSource.getMaximumPoolSize()) ? dataSource.getMaximumPoolSize()
				: minimumIdle;
	}

	private static SettingSource sourceOf(String name, Object value, Map<String, Object> applied,
			Predicate<String> userSet) {
		if (userSet.test(name)) {
			return SettingSource.USER;
		}
		if (applied.containsKey(name) && Objects.equals(applied.get(name), value)) {
			return SettingSource.DBPERF;
		}
		if (HikariTuning.isHikariDefault(name, value) || (name.equals("minimumIdle") && !applied.containsKey(name))) {
			return SettingSource.HIKARI_DEFAULT;
		}
		return SettingSource.USER;
	}

	private static String format(String name, Object value) {
		if (value instanceof Long millis && !name.equals("maximumPoolSize")) {
			return formatMillis(millis);
		}
		return String.valueOf(value);
	}

	/**
	 * Write a duration the way Spring Boot properties accept it, such as {@code 5s}.
	 * @param millis the duration in milliseconds
	 * @return the text
	 */
	public static String formatMillis(long millis) {
		if (millis != 0 && millis % 60_000 == 0) {
			return (millis / 60_000) + "m";
		}
		if (millis != 0 && millis % 1000 == 0) {
			return (millis / 1000) + "s";
		}
		return millis + "ms";
	}

}
