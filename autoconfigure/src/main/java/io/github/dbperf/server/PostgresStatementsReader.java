package io.github.dbperf.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;

import io.github.dbperf.sql.SqlDialect;
import org.jspecify.annotations.Nullable;

/**
 * Reads PostgreSQL's {@code pg_stat_statements} for the current database, the entries
 * with the most execution time first.
 *
 * @author dbperf
 * @since 0.2.0
 */
final class PostgresStatementsReader extends StatementStatisticsReader {

	static final String SOURCE = "pg_stat_statements";

	static final String PRELOAD = "shared_preload_libraries = 'pg_stat_statements'";

	static final String CREATE = "create extension pg_stat_statements;";

	private static final String RESTART = "then restart PostgreSQL";

	private static final String HIDDEN = "<insufficient privilege>";

	// PostgreSQL 18 keeps a squashed IN list as "($1 /*, ... */)": give it back its list
	private static final Pattern SQUASHED_LIST = Pattern.compile("\\s*/\\*\\s*,\\s*\\.\\.\\.\\s*\\*/");

	PostgresStatementsReader() {
		super(SqlDialect.POSTGRESQL);
	}

	@Override
	ServerSnapshot read(Connection connection, int maxRows, int timeoutSeconds, long startNanos) throws SQLException {
		String schema = extensionSchema(connection, timeoutSeconds);
		boolean preloaded = preloaded(connection, timeoutSeconds);
		if (!preloaded) {
			return ServerSnapshot.unavailable(SOURCE,
					"pg_stat_statements is not loaded: add it to shared_preload_libraries in postgresql.conf, "
							+ RESTART + ", and create the extension in this database",
					List.of(PRELOAD, CREATE), startNanos);
		}
		if (schema == null) {
			return ServerSnapshot.unavailable(SOURCE,
					"The pg_stat_statements extension is not created in this database", List.of(CREATE), startNanos);
		}
		int major = connection.getMetaData().getDatabaseMajorVersion();
		String time = (major >= 13) ? "total_exec_time" : "total_time";
		String sql = "select s.query, s.calls, s." + time
				+ ", s.rows, s.shared_blks_hit, s.shared_blks_read, s.temp_blks_written from " + quote(schema)
				+ ".pg_stat_statements s where s.dbid = (select oid from pg_database where datname = current_database())"
				+ ((major >= 14) ? " and s.toplevel" : "") + " order by s." + time + " desc limit ?";
		Matches matches = new Matches();
		int hidden = 0;
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setQueryTimeout(timeoutSeconds);
			statement.setInt(1, maxRows);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					String text = rows.getString(1);
					if (text == null || text.equals(HIDDEN)) {
						hidden++;
						continue;
					}
					long calls = rows.getLong(2);
					double totalMs = rows.getDouble(3);
					matches.add(fingerprintId(unsquash(text)),
							new ServerStatement(1, calls, totalMs, (calls > 0) ? totalMs / calls : 0, rows.getLong(4),
									rows.getLong(5), rows.getLong(6), rows.getLong(7), null, null, null));
				}
			}
		}
		String reason = (hidden > 0) ? hidden + " statements of other users are hidden: grant pg_read_all_stats to "
				+ connection.getMetaData().getUserName() : null;
		return ServerSnapshot.read(SOURCE, matches.statements(), matches.rows() + hidden, reason, startNanos);
	}

	static String unsquash(String text) {
		return SQUASHED_LIST.matcher(text).replaceAll(", \\$0");
	}

	private static @Nullable String extensionSchema(Connection connection, int timeoutSeconds) throws SQLException {
		return single(connection, timeoutSeconds, "select n.nspname from pg_extension e join pg_namespace n "
				+ "on n.oid = e.extnamespace where e.extname = 'pg_stat_statements'");
	}

	private static boolean preloaded(Connection connection, int timeoutSeconds) throws SQLException {
		String libraries = single(connection, timeoutSeconds, "select current_setting('shared_preload_libraries')");
		return libraries != null && libraries.contains("pg_stat_statements");
	}

	private static @Nullable String single(Connection connection, int timeoutSeconds, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.setQueryTimeout(timeoutSeconds);
			try (ResultSet rows = statement.executeQuery(sql)) {
				return rows.next() ? rows.getString(1) : null;
			}
		}
	}

	private static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

}
