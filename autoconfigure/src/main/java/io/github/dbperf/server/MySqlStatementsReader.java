package io.github.dbperf.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;

import io.github.dbperf.sql.SqlDialect;

/**
 * Reads {@code performance_schema.events_statements_summary_by_digest} of MySQL and
 * MariaDB for the current schema, the digests with the most time first.
 *
 * @author dbperf
 * @since 0.2.0
 */
final class MySqlStatementsReader extends StatementStatisticsReader {

	static final String SOURCE = "performance_schema.events_statements_summary_by_digest";

	static final String ENABLE = "performance_schema = ON";

	static final String CONSUMER = "update performance_schema.setup_consumers set enabled = 'YES' "
			+ "where name = 'statements_digest';";

	// Timers are in picoseconds
	private static final String SQL = "select DIGEST_TEXT, COUNT_STAR, SUM_TIMER_WAIT / 1000000000, "
			+ "SUM_ROWS_SENT + SUM_ROWS_AFFECTED, SUM_ROWS_EXAMINED, SUM_NO_INDEX_USED, SUM_NO_GOOD_INDEX_USED "
			+ "from performance_schema.events_statements_summary_by_digest "
			+ "where SCHEMA_NAME = database() and DIGEST_TEXT is not null order by SUM_TIMER_WAIT desc limit ?";

	// Digests quote every identifier; the application's SQL seldom does
	private static final Pattern QUOTED = Pattern.compile("`([A-Za-z_][A-Za-z0-9_$]*)`");

	MySqlStatementsReader() {
		super(SqlDialect.MYSQL);
	}

	@Override
	ServerSnapshot read(Connection connection, int maxRows, int timeoutSeconds, long startNanos) throws SQLException {
		if (!enabled(connection, timeoutSeconds)) {
			return ServerSnapshot.unavailable(SOURCE,
					"performance_schema is off: add performance_schema = ON under [mysqld] in the server's "
							+ "configuration file and restart the server",
					List.of(ENABLE, CONSUMER), startNanos);
		}
		Matches matches = new Matches();
		try (PreparedStatement statement = connection.prepareStatement(SQL)) {
			statement.setQueryTimeout(timeoutSeconds);
			statement.setInt(1, maxRows);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					long calls = rows.getLong(2);
					double totalMs = rows.getDouble(3);
					matches.add(fingerprintId(unquote(rows.getString(1))),
							new ServerStatement(1, calls, totalMs, (calls > 0) ? totalMs / calls : 0, rows.getLong(4),
									null, null, null, rows.getLong(5), rows.getLong(6), rows.getLong(7)));
				}
			}
		}
		String reason = (matches.rows() == 0)
				? "No digests for this schema: check that the statements_digest consumer is enabled" : null;
		return (reason != null) ? ServerSnapshot.unavailable(SOURCE, reason, List.of(CONSUMER), startNanos)
				: ServerSnapshot.read(SOURCE, matches.statements(), matches.rows(), null, startNanos);
	}

	static String unquote(String digestText) {
		return QUOTED.matcher(digestText).replaceAll("$1");
	}

	private static boolean enabled(Connection connection, int timeoutSeconds) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.setQueryTimeout(timeoutSeconds);
			try (ResultSet rows = statement.executeQuery("select @@performance_schema")) {
				return rows.next() && rows.getBoolean(1);
			}
		}
	}

}
