package io.github.dbperf.advisor;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * Asks each database for its {@link DatabaseFacts} and keeps them, once per DataSource; a
 * failed read is retried next time. Never throws: a failure is kept in
 * {@link DatabaseFacts#error()}.
 *
 * @author dbperf
 * @since 0.1.0
 */
final class DatabaseFactsReader {

	private final Map<String, DatabaseFacts> databases = new ConcurrentHashMap<>();

	/**
	 * Return the facts of a DataSource's database.
	 * @param name the DataSource bean name
	 * @param target the DataSource to ask, below dbperf's capture
	 * @return the facts
	 */
	DatabaseFacts facts(String name, DataSource target) {
		DatabaseFacts known = this.databases.get(name);
		if (known != null) {
			return known;
		}
		DatabaseFacts facts = read(target);
		if (facts.error() == null) {
			this.databases.put(name, facts);
		}
		return facts;
	}

	private static DatabaseFacts read(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			DatabaseMetaData metaData = connection.getMetaData();
			String product = metaData.getDatabaseProductName();
			String name = product.toLowerCase(Locale.ROOT);
			if (name.contains("postgres")) {
				return new DatabaseFacts(product, intValue(connection, "SHOW max_connections"),
						intValue(connection, "SHOW superuser_reserved_connections"),
						millisToSeconds(longValue(connection,
								"SELECT setting::bigint FROM pg_settings WHERE name = 'idle_session_timeout'")),
						null);
			}
			if (name.contains("mysql") || name.contains("mariadb")) {
				return new DatabaseFacts(product, intValue(connection, "SELECT @@max_connections"), null,
						longValue(connection, "SELECT @@wait_timeout"), null);
			}
			return new DatabaseFacts(product, null, null, null, null);
		}
		catch (SQLException | RuntimeException ex) {
			return DatabaseFacts.unknown(ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
	}

	private static @Nullable Long millisToSeconds(@Nullable Long millis) {
		return (millis != null) ? millis / 1000 : null;
	}

	private static @Nullable Integer intValue(Connection connection, String sql) {
		Long value = longValue(connection, sql);
		return (value != null) ? value.intValue() : null;
	}

	private static @Nullable Long longValue(Connection connection, String sql) {
		try (Statement statement = connection.createStatement()) {
			statement.setQueryTimeout(5);
			try (ResultSet resultSet = statement.executeQuery(sql)) {
				return resultSet.next() ? Long.valueOf(resultSet.getString(1).trim()) : null;
			}
		}
		catch (SQLException | RuntimeException ex) {
			return null;
		}
	}

}
