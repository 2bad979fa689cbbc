package io.github.dbperf.jpa;

import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads Hibernate's effective settings the way Hibernate does: missing keys take
 * Hibernate's default and values may be strings, numbers or booleans.
 *
 * @author dbperf
 * @since 0.2.0
 */
public final class HibernateSettings {

	private HibernateSettings() {
	}

	/**
	 * Return the JDBC batch size.
	 * @param properties the effective Hibernate properties
	 * @return {@code hibernate.jdbc.batch_size}, or 0 when missing or not a number
	 */
	public static int batchSize(Map<String, Object> properties) {
		Object value = properties.get("hibernate.jdbc.batch_size");
		if (value == null) {
			return 0;
		}
		try {
			return Integer.parseInt(value.toString().trim());
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	/**
	 * Return a boolean setting.
	 * @param properties the effective Hibernate properties
	 * @param key the setting
	 * @param fallback Hibernate's default when the setting is missing
	 * @return the value
	 */
	public static boolean flag(Map<String, Object> properties, String key, boolean fallback) {
		String value = text(properties, key);
		return (value != null) ? Boolean.parseBoolean(value) : fallback;
	}

	/**
	 * Return a setting as lowercase text.
	 * @param properties the effective Hibernate properties
	 * @param key the setting
	 * @return the value, or {@code null} when missing
	 */
	public static @Nullable String text(Map<String, Object> properties, String key) {
		Object value = properties.get(key);
		return (value != null) ? value.toString().trim().toLowerCase(Locale.ROOT) : null;
	}

}
