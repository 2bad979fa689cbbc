package io.github.dbperf.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Reads the conditions a plan prints on a scan (PostgreSQL's {@code Filter}, MySQL's
 * {@code attached_condition}) into the columns they compare: equality, range or
 * {@code LIKE}, on a column or on a function of one. Whatever it cannot read is left out:
 * advice is given only on what is understood.
 *
 * @author dbperf
 * @since 0.2.0
 */
final class Conditions {

	private static final String[][] OPERATORS = { { " ~~* ", "like" }, { " !~~* ", "" }, { " !~~ ", "" },
			{ " ~~ ", "like" }, { " not like ", "" }, { " like ", "like" }, { " >= ", "range" }, { " <= ", "range" },
			{ " <> ", "" }, { " != ", "" }, { " = ", "eq" }, { " > ", "range" }, { " < ", "range" },
			{ " between ", "range" }, { " is null", "eq" } };

	private static final Pattern CAST = Pattern.compile("::[a-z ]+(\\[\\])?(\\(\\d+\\))?$", Pattern.CASE_INSENSITIVE);

	private static final Pattern COLUMN = Pattern.compile("^[a-z_][a-z0-9_$]*$", Pattern.CASE_INSENSITIVE);

	private static final Pattern FUNCTION = Pattern.compile("^([a-z_][a-z0-9_]*)\\((.*)\\)$", Pattern.CASE_INSENSITIVE);

	private Conditions() {
	}

	/**
	 * Read the comparisons of a condition that all rows must meet: its top-level
	 * {@code AND} terms, and {@code OR} terms made of {@code LIKE}s only (each may be
	 * served by its own index).
	 * @param condition the condition text
	 * @return the comparisons understood
	 */
	static List<Comparison> read(@Nullable String condition) {
		List<Comparison> comparisons = new ArrayList<>();
		if (condition == null) {
			return comparisons;
		}
		for (String term : split(unwrap(condition), " and ")) {
			List<String> alternatives = split(unwrap(term), " or ");
			if (alternatives.size() == 1) {
				Comparison comparison = comparison(alternatives.get(0));
				if (comparison != null) {
					comparisons.add(comparison);
				}
				continue;
			}
			List<Comparison> likes = new ArrayList<>();
			for (String alternative : alternatives) {
				Comparison comparison = comparison(unwrap(alternative));
				if (comparison == null || comparison.kind() != Kind.LIKE) {
					likes = null;
					break;
				}
				likes.add(comparison);
			}
			if (likes != null) {
				likes.forEach(
						(like) -> comparisons.add(new Comparison(like.column(), like.function(), like.kind(), true)));
			}
		}
		return comparisons;
	}

	private static @Nullable Comparison comparison(String term) {
		String lower = term.toLowerCase(Locale.ROOT);
		for (String[] operator : OPERATORS) {
			int at = topLevel(lower, operator[0]);
			if (at < 0) {
				continue;
			}
			if (operator[1].isEmpty()) {
				return null;
			}
			String right = term.substring(at + operator[0].length()).trim();
			if (!right.isEmpty() && column(right) != null) {
				// A comparison of two columns is a join condition
				return null;
			}
			Operand left = operand(term.substring(0, at));
			if (left == null) {
				return null;
			}
			Kind kind = switch (operator[1]) {
				case "eq" -> Kind.EQUALITY;
				case "like" -> Kind.LIKE;
				default -> Kind.RANGE;
			};
			return new Comparison(left.column(), left.function(), kind, false);
		}
		return null;
	}

	private static @Nullable Operand operand(String text) {
		String value = strip(text);
		String column = column(value);
		if (column != null) {
			return new Operand(column, null);
		}
		Matcher function = FUNCTION.matcher(value);
		if (function.matches()) {
			String inner = column(strip(function.group(2)));
			if (inner != null) {
				return new Operand(inner, function.group(1).toLowerCase(Locale.ROOT));
			}
		}
		return null;
	}

	private static @Nullable String column(String text) {
		String value = strip(text);
		int dot = value.lastIndexOf('.');
		String name = (dot >= 0) ? value.substring(dot + 1) : value;
		name = name.replace("`", "").replace("\"", "");
		if (!COLUMN.matcher(name).matches() || name.equalsIgnoreCase("null") || name.equalsIgnoreCase("true")
				|| name.equalsIgnoreCase("false")) {
			return null;
		}
		if (dot >= 0 && column(value.substring(0, dot).replace("`", "").replace("\"", "").replace(".", "_")) == null) {
			return null;
		}
		return name;
	}

	// Drops enclosing parentheses and casts, such as ((title)::text)
	private static String strip(String text) {
		String value = text.trim();
		while (true) {
			String before = value;
			value = CAST.matcher(value).replaceFirst("").trim();
			value = unwrap(value);
			if (value.equals(before)) {
				return value;
			}
		}
	}

	private static String unwrap(String text) {
		String value = text.trim();
		while (value.length() > 1 && value.charAt(0) == '(' && topLevel(value, ")", 1) == value.length() - 1) {
			value = value.substring(1, value.length() - 1).trim();
		}
		return value;
	}

	private static List<String> split(String text, String separator) {
		List<String> parts = new ArrayList<>();
		String lower = text.toLowerCase(Locale.ROOT);
		int start = 0;
		// A separator found at the top level leaves no quote or parenthesis open, so the
		// search may go on from just after it
		for (int at = topLevel(lower, separator, 0); at >= 0; at = topLevel(lower, separator, start)) {
			parts.add(text.substring(start, at));
			start = at + separator.length();
		}
		parts.add(text.substring(start));
		return parts;
	}

	private static int topLevel(String text, String token) {
		return topLevel(text, token, 0);
	}

	private static int topLevel(String text, String token, int from) {
		int depth = 0;
		char quote = 0;
		for (int i = from; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quote != 0) {
				quote = (c == quote) ? 0 : quote;
			}
			else if (c == '\'' || c == '"' || c == '`') {
				quote = c;
			}
			else if (c == '(') {
				depth++;
			}
			else if (c == ')') {
				// A ")" token is the one that closes a parenthesis opened before from
				if (depth == 0 && text.startsWith(token, i)) {
					return i;
				}
				depth--;
			}
			else if (depth == 0 && text.startsWith(token, i)) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * How a column is compared.
	 */
	enum Kind {

		EQUALITY, RANGE, LIKE

	}

	/**
	 * One comparison of a column (or a function of it) with a value.
	 *
	 * @param column the column
	 * @param function the function applied to it, such as {@code lower}, or {@code null}
	 * @param kind the comparison
	 * @param alternative whether it is one of several {@code OR}ed {@code LIKE}s
	 */
	record Comparison(String column, @Nullable String function, Kind kind, boolean alternative) {

		String expression() {
			return (this.function != null) ? this.function + "(" + this.column + ")" : this.column;
		}

	}

	private record Operand(String column, @Nullable String function) {

	}

}
