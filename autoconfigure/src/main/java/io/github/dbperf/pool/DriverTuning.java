package io.github.dbperf.pool;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * JDBC driver properties that make batching and statement preparation cheap, by database.
 * A property the JDBC URL already names is left out, so the application's choice wins.
 *
 * @author dbperf
 * @since 0.1.0
 */
final class DriverTuning {

	private static final Map<String, String> POSTGRESQL = ordered("reWriteBatchedInserts", "true", "tcpKeepAlive",
			"true");

	// HikariCP's MySQL configuration guidance
	private static final Map<String, String> MYSQL = ordered("cachePrepStmts", "true", "prepStmtCacheSize", "250",
			"prepStmtCacheSqlLimit", "2048", "useServerPrepStmts", "true", "useLocalSessionState", "true",
			"rewriteBatchedStatements", "true", "cacheResultSetMetadata", "true", "cacheServerConfiguration", "true",
			"elideSetAutoCommits", "true", "maintainTimeStats", "false");

	// MariaDB Connector/J 3 knows a subset; server-side preparation and batch rewriting
	// exclude each other there, and rewriting saves more round trips.
	private static final Map<String, String> MARIADB = ordered("cachePrepStmts", "true", "prepStmtCacheSize", "250",
			"useLocalSessionState", "true", "rewriteBatchedStatements", "true");

	private DriverTuning() {
	}

	/**
	 * Return the tuned driver properties for a JDBC URL.
	 * @param jdbcUrl the JDBC URL
	 * @return the properties to add, empty for databases dbperf does not know
	 */
	static Map<String, String> forJdbcUrl(String jdbcUrl) {
		Map<String, String> defaults = defaultsFor(jdbcUrl);
		if (defaults.isEmpty()) {
			return defaults;
		}
		String query = queryOf(jdbcUrl);
		Map<String, String> result = new LinkedHashMap<>();
		defaults.forEach((key, value) -> {
			if (!query.contains(";" + key.toLowerCase(Locale.ROOT) + "=")) {
				result.put(key, value);
			}
		});
		return result;
	}

	private static Map<String, String> defaultsFor(String jdbcUrl) {
		if (jdbcUrl.startsWith("jdbc:postgresql:")) {
			return POSTGRESQL;
		}
		if (jdbcUrl.startsWith("jdbc:mysql:")) {
			return MYSQL;
		}
		if (jdbcUrl.startsWith("jdbc:mariadb:")) {
			return MARIADB;
		}
		return Collections.emptyMap();
	}

	private static String queryOf(String jdbcUrl) {
		int start = jdbcUrl.indexOf('?');
		return (start < 0) ? "" : ";" + jdbcUrl.substring(start + 1).replace('&', ';').toLowerCase(Locale.ROOT) + ";";
	}

	private static Map<String, String> ordered(String... keysAndValues) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put(keysAndValues[i], keysAndValues[i + 1]);
		}
		return Collections.unmodifiableMap(map);
	}

}
