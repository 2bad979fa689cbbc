package io.github.dbperf.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;

/**
 * The databases a benchmark runs against: H2 in memory or an embedded PostgreSQL 17, each
 * with a small table to look up by primary key.
 *
 * @author dbperf
 * @since 0.1.0
 */
final class Databases {

	private static @Nullable EmbeddedPostgres postgres;

	private Databases() {
	}

	static synchronized String jdbcUrl(String database) {
		if (database.equals("h2")) {
			return "jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1";
		}
		if (postgres == null) {
			try {
				postgres = EmbeddedPostgres.builder().start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return postgres.getJdbcUrl("postgres", "postgres");
	}

	static HikariDataSource pool(String jdbcUrl) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(jdbcUrl);
		config.setMaximumPoolSize(4);
		config.setPoolName("bench");
		return new HikariDataSource(config);
	}

	static void createTable(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("drop table if exists item");
			statement.execute("create table item (id int primary key, name varchar(40))");
			for (int i = 0; i < 1000; i++) {
				statement.execute("insert into item values (" + i + ", 'item " + i + "')");
			}
		}
	}

	static synchronized void stop() throws IOException {
		if (postgres != null) {
			postgres.close();
			postgres = null;
		}
	}

}
