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
	 * Return whether the text holds more than one statement: a {@code ;} outside string
	 * literals, quoted identifiers and comments with more than whitespace or comments
	 * after it. Unclear text counts as more than one: MySQL's executable comments
	 * ({@code /*!} and {@code /*+}) are read as statement text, an unterminated literal
	 * or comment is refused, and literals are read both with and without backslash
	 * escapes (server modes decide).
	 * @param sql the SQL about to be sent
	 * @param mysql whether MySQL/MariaDB rules apply (backslash escapes in literals,
	 * {@code #} comments, {@code --} only before whitespace); otherwise PostgreSQL's
	 * (dollar quoting, {@code E''} escapes, nested block comments)
	 * @return whether the text must not be sent
	 */
	static boolean multipleStatements(String sql, boolean mysql) {
		// Whether a backslash escapes depends on server modes dbperf does not know: both
		// readings must find one statement
		return multipleStatements(sql, mysql, true) || multipleStatements(sql, mysql, false);
	}

	private static boolean multipleStatements(String sql, boolean mysql, boolean backslashes) {
		int length = sql.length();
		boolean ended = false;
		int i = 0;
		while (i < length) {
			char c = sql.charAt(i);
			int next = i + 1;
			boolean text = true;
			if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-'
					&& (!mysql || i + 2 >= length || Character.isWhitespace(sql.charAt(i + 2)))) {
				next = lineEnd(sql, i);
				text = false;
			}
			else if (c == '#' && mysql) {
				next = lineEnd(sql, i);
				text = false;
			}
			else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*'
					&& !(mysql && i + 2 < length && (sql.charAt(i + 2) == '!' || sql.charAt(i + 2) == '+'))) {
				next = blockEnd(sql, i, !mysql);
				text = false;
			}
			else if (c == '\'' || c == '"' || c == '`') {
				boolean escapes = backslashes && (c != '`') && (mysql || c == '\'' && escapeString(sql, i));
				next = quoted(sql, i, c, escapes);
			}
			else if (c == '$' && !mysql && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)))) {
				next = dollarQuoted(sql, i);
			}
			else if (Character.isWhitespace(c) || c == ';') {
				text = false;
			}
			if (text && ended) {
				return true;
			}
			if (next < 0) {
				return true;
			}
			ended |= (c == ';');
			i = next;
		}
		return false;
	}

	// PostgreSQL's E'...' literal, where a backslash escapes
	private static boolean escapeString(String sql, int quote) {
		return quote > 0 && (sql.charAt(quote - 1) == 'E' || sql.charAt(quote - 1) == 'e')
				&& (quote < 2 || !Character.isLetterOrDigit(sql.charAt(quote - 2)) && sql.charAt(quote - 2) != '_');
	}

	private static int quoted(String sql, int start, char quote, boolean escapes) {
		for (int i = start + 1; i < sql.length(); i++) {
			char c = sql.charAt(i);
			if (escapes && c == '\\') {
				i++;
			}
			else if (c == quote) {
				if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
					i++;
				}
				else {
					return i + 1;
				}
			}
		}
		return -1;
	}

	private static int lineEnd(String sql, int start) {
		int end = sql.indexOf('\n', start);
		return (end < 0) ? sql.length() : end + 1;
	}

	private static int blockEnd(String sql, int start, boolean nested) {
		int depth = 0;
		for (int i = start; i + 1 < sql.length(); i++) {
			if (sql.charAt(i) == '/' && sql.charAt(i + 1) == '*' && (nested || depth == 0)) {
				depth++;
				i++;
			}
			else if (sql.charAt(i) == '*' && sql.charAt(i + 1) == '/') {
				depth--;
				i++;
				if (depth == 0) {
					return i + 1;
				}
			}
		}
		return -1;
	}

	private static int dollarQuoted(String sql, int start) {
		int close = sql.indexOf('$', start + 1);
		if (close < 0) {
			return start + 1;
		}
		String tag = sql.substring(start, close + 1);
		if (!tag.substring(1, tag.length() - 1).chars().allMatch((c) -> Character.isLetterOrDigit(c) || c == '_')
				|| (tag.length() > 2 && Character.isDigit(tag.charAt(1)))) {
			// $1 parameters and other text
			return start + 1;
		}
		int end = sql.indexOf(tag, close + 1);
		return (end < 0) ? -1 : end + tag.length();
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
