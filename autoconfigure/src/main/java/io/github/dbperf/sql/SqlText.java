package io.github.dbperf.sql;

/**
 * Cuts SQL text that dbperf keeps or shows, so one huge statement cannot take megabytes
 * of heap or of a log line.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class SqlText {

	/**
	 * The default most characters of SQL text kept or shown.
	 */
	public static final int DEFAULT_MAX_LENGTH = 2000;

	/**
	 * Appended where text was cut.
	 */
	public static final String CUT_MARKER = " /* cut */";

	private SqlText() {
	}

	/**
	 * Return the text, cut at a length with {@link #CUT_MARKER} appended when longer.
	 * @param sql the SQL text
	 * @param maxLength the most characters kept
	 * @return the text, or its start and the marker
	 */
	public static String cut(String sql, int maxLength) {
		if (sql.length() <= maxLength) {
			return sql;
		}
		int end = Character.isHighSurrogate(sql.charAt(maxLength - 1)) ? maxLength - 1 : maxLength;
		return sql.substring(0, end) + CUT_MARKER;
	}

}
