package io.github.dbperf.server;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import io.github.dbperf.sql.SqlDialect;
import io.github.dbperf.sql.SqlFingerprinter;

/**
 * Reads one database's statement statistics on a connection that dbperf does not capture,
 * bounded by a row limit and a statement timeout.
 *
 * @author dbperf
 * @since 0.2.0
 */
abstract class StatementStatisticsReader {

	private final SqlDialect dialect;

	StatementStatisticsReader(SqlDialect dialect) {
		this.dialect = dialect;
	}

	/**
	 * Read the statistics.
	 * @param connection a connection below dbperf's capture
	 * @param maxRows the most entries to read, those with the most total time
	 * @param timeoutSeconds the statement timeout
	 * @param startNanos when the read began
	 * @return the snapshot
	 * @throws SQLException when the database fails
	 */
	abstract ServerSnapshot read(Connection connection, int maxRows, int timeoutSeconds, long startNanos)
			throws SQLException;

	/**
	 * Return the fingerprint id the application's own statement of this server text has:
	 * the server's placeholders ({@code $1}, {@code ?}) and literals fold like JDBC's
	 * {@code ?}, lists squash, case and whitespace fold.
	 * @param serverText the database's normalized statement text
	 * @return the fingerprint id
	 */
	String fingerprintId(String serverText) {
		return SqlFingerprinter.compute(serverText, this.dialect).id();
	}

	/**
	 * The server's entries read so far, merged by fingerprint id.
	 */
	static final class Matches {

		private final Map<String, ServerStatement> statements = new HashMap<>();

		private int rows;

		void add(String fingerprintId, ServerStatement statement) {
			this.rows++;
			this.statements.merge(fingerprintId, statement, ServerStatement::merge);
		}

		Map<String, ServerStatement> statements() {
			return this.statements;
		}

		int rows() {
			return this.rows;
		}

	}

}
