package io.github.dbperf.plan;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The SQL text a database is asked to plan: a normalized fingerprint with numbered
 * placeholders for PostgreSQL, the application's SQL with the slowest execution's values
 * for MySQL/MariaDB.
 *
 * @author dbperf
 * @since 0.2.0
 */
final class PlanSql {

	private static final String LIST = "(...)";

	private static final Pattern INSERT_COLUMNS = Pattern.compile("(?is)^\\s*insert\\s+into\\s+[^(]+\\(([^)]*)\\)");

	private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

	// In a fingerprint, where literals are folded: a pattern concatenated from a
	// placeholder first, such as like lower((?||?||?)) for '%' || ? || '%'
	private static final Pattern CONCATENATED_PATTERN = Pattern.compile(
			"(?is)like\\s*(?:(?:lower|upper|lcase|ucase)\\s*\\(\\s*)?\\(*\\s*(?:concat\\s*\\(\\s*\\?\\s*,|\\?\\s*\\|\\|)");

	private static final Pattern LEADING_WILDCARD = Pattern
		.compile("(?is)like\\s*(?:(?:lower|upper|lcase|ucase)\\s*\\(\\s*)?\\(*\\s*(?:concat\\s*\\(\\s*)?'%");

	private PlanSql() {
	}

	/**
	 * Return a normalized SQL text with {@code $1}, {@code $2}... for its placeholders,
	 * squashed lists written as one placeholder and a squashed {@code VALUES} list as one
	 * placeholder per inserted column.
	 * @param sql the normalized SQL
	 * @return the numbered SQL and its parameter count, or {@code null} when the text
	 * cannot be planned (a squashed VALUES list without a column list)
	 */
	static @Nullable Numbered numbered(String sql) {
		String text = sql;
		int values = text.toLowerCase(Locale.ROOT).indexOf("values " + LIST);
		if (values >= 0) {
			Matcher columns = INSERT_COLUMNS.matcher(text);
			if (!columns.find()) {
				return null;
			}
			int count = columns.group(1).split(",").length;
			String row = "(" + String.join(", ", java.util.Collections.nCopies(count, "?")) + ")";
			text = text.substring(0, values) + "values " + row + text.substring(values + 7 + LIST.length());
		}
		text = text.replace(LIST, "(?)");
		StringBuilder out = new StringBuilder(text.length() + 16);
		int parameters = 0;
		char quote = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quote != 0) {
				if (c == quote) {
					quote = 0;
				}
				out.append(c);
			}
			else if (c == '\'' || c == '"' || c == '`') {
				quote = c;
				out.append(c);
			}
			else if (c == '?') {
				out.append('$').append(++parameters);
			}
			else {
				out.append(c);
			}
		}
		return new Numbered(out.toString(), parameters);
	}

	/**
	 * Return the application's SQL with its {@code ?} placeholders replaced by the given
	 * values as literals (numbers as they are, others quoted and escaped).
	 * @param sql the SQL as the application sent it
	 * @param values the bound values as text
	 * @return the SQL, or {@code null} when the placeholders and values do not match
	 */
	static @Nullable String bound(String sql, List<Object> values) {
		StringBuilder out = new StringBuilder(sql.length() + values.size() * 8);
		int next = 0;
		char quote = 0;
		for (int i = 0; i < sql.length(); i++) {
			char c = sql.charAt(i);
			if (quote != 0) {
				if (c == quote) {
					quote = 0;
				}
				else if (c == '\\' && quote == '\'' && i + 1 < sql.length()) {
					out.append(c);
					c = sql.charAt(++i);
				}
				out.append(c);
			}
			else if (c == '\'' || c == '"' || c == '`') {
				quote = c;
				out.append(c);
			}
			else if (c == '?') {
				if (next >= values.size()) {
					return null;
				}
				out.append(literal(values.get(next++)));
			}
			else {
				out.append(c);
			}
		}
		return (next == values.size()) ? out.toString() : null;
	}

	private static String literal(@Nullable Object value) {
		String text = String.valueOf(value);
		if (value == null || text.equals("null")) {
			return "NULL";
		}
		if (NUMBER.matcher(text).matches()) {
			return text;
		}
		return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
	}

	/**
	 * Return whether a statement's own text or values put a wildcard at the start of a
	 * {@code LIKE} pattern.
	 * @param rawSql the SQL as the application sent it, or {@code null}
	 * @param values the bound values, or {@code null}
	 * @return whether a leading wildcard was seen
	 */
	static boolean leadingWildcard(@Nullable String rawSql, @Nullable List<Object> values) {
		if (rawSql != null && LEADING_WILDCARD.matcher(rawSql).find()) {
			return true;
		}
		if (rawSql != null && CONCATENATED_PATTERN.matcher(rawSql).find()) {
			return true;
		}
		if (values != null) {
			for (Object value : values) {
				if (value instanceof String text && text.startsWith("%")) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * SQL with numbered placeholders.
	 *
	 * @param sql the text
	 * @param parameters how many placeholders
	 */
	record Numbered(String sql, int parameters) {

	}

}
