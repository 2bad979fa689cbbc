package io.github.dbperf.pool;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * What the advisor asks the database once: its product and the server limits that pool
 * settings must respect.
 *
 * @param product the database product name
 * @param maxConnections the server's connection limit, if known
 * @param reservedConnections connections reserved for superusers, if known
 * @param idleTimeoutSeconds after how many idle seconds the server closes a connection
 * (MySQL {@code wait_timeout}, PostgreSQL {@code idle_session_timeout}), 0 for never
 * @param error why the facts could not be read, or {@code null}
 * @author dbperf
 * @since 0.1.0
 */
public record DatabaseFacts(String product, @Nullable Integer maxConnections, @Nullable Integer reservedConnections,
		@Nullable Long idleTimeoutSeconds, @Nullable String error) {

	/**
	 * Facts for a database that could not be asked.
	 * @param error why
	 * @return the facts
	 */
	public static DatabaseFacts unknown(String error) {
		return new DatabaseFacts("unknown", null, null, null, error);
	}

	/**
	 * Ask the database. Never throws: a failure is kept in {@link #error()}.
	 * @param dataSource the DataSource to ask
	 * @return the facts
	 */
	public static DatabaseFacts read(DataSource dataSource) {
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
			return unknown(ex.getClass().getSimpleName() + ": " + ex.getMessage());
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
