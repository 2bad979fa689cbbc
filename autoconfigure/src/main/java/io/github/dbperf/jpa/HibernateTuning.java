package io.github.dbperf.jpa;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hibernate settings that batch writes, batch lazy loads and keep query plans cacheable.
 * None of them changes what a transaction reads or writes; each is applied only when the
 * application did not set it.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class HibernateTuning {

	/**
	 * JDBC batch size for inserts, updates and deletes.
	 */
	private static final int BATCH_SIZE = 50;

	/**
	 * Default batch size for loading lazy associations and proxies.
	 */
	private static final int DEFAULT_BATCH_FETCH_SIZE = 16;

	private static final Map<String, Object> DEFAULTS;

	static {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("hibernate.jdbc.batch_size", String.valueOf(BATCH_SIZE));
		defaults.put("hibernate.order_inserts", "true");
		defaults.put("hibernate.order_updates", "true");
		defaults.put("hibernate.default_batch_fetch_size", String.valueOf(DEFAULT_BATCH_FETCH_SIZE));
		defaults.put("hibernate.query.in_clause_parameter_padding", "true");
		defaults.put("hibernate.query.fail_on_pagination_over_collection_fetch", "true");
		DEFAULTS = Collections.unmodifiableMap(defaults);
	}

	private HibernateTuning() {
	}

	/**
	 * Add the tuned settings the given properties do not already have.
	 * @param properties the Hibernate properties, updated in place
	 * @param disableAutoCommit whether the pool hands out connections with auto-commit
	 * off, so Hibernate may skip checking it
	 * @return the settings that were added
	 */
	public static Map<String, Object> applyTo(Map<String, Object> properties, boolean disableAutoCommit) {
		Map<String, Object> applied = new LinkedHashMap<>();
		DEFAULTS.forEach((key, value) -> {
			if (!properties.containsKey(key)) {
				properties.put(key, value);
				applied.put(key, value);
			}
		});
		String autoCommitKey = "hibernate.connection.provider_disables_autocommit";
		if (disableAutoCommit && !properties.containsKey(autoCommitKey)) {
			properties.put(autoCommitKey, "true");
			applied.put(autoCommitKey, "true");
		}
		return applied;
	}

}
