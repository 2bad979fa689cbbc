package io.github.dbperf.sample;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana board in {@code dashboards/dbperf.json}: its panels, the PromQL of every
 * target and template variable, and the metric names that PromQL selects.
 */
final class GrafanaBoard {

	static final Path PATH = Path.of("..", "dashboards", "dbperf.json");

	private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");

	private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");

	private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");

	private static final Pattern LABEL_LIST = Pattern
		.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	private static final Pattern OFFSET = Pattern.compile("\\boffset\\s+-?[0-9a-zA-Z$_]+");

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$\\w+");

	private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

	private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.*)\\)\\s*$", Pattern.DOTALL);

	private static final Pattern QUERY_RESULT = Pattern.compile("^\\s*query_result\\((.*)\\)\\s*$", Pattern.DOTALL);

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "by", "without", "on", "ignoring",
			"group_left", "group_right", "offset", "inf", "nan", "atan2");

	private static final JsonMapper json = JsonMapper.builder().build();

	private final JsonNode root;

	private GrafanaBoard(JsonNode root) {
		this.root = root;
	}

	static GrafanaBoard read() {
		return new GrafanaBoard(json.readTree(PATH.toFile()));
	}

	static GrafanaBoard of(String board) {
		return new GrafanaBoard(json.readTree(board));
	}

	JsonNode root() {
		return this.root;
	}

	/**
	 * Return every panel, those inside collapsed rows too.
	 */
	List<JsonNode> panels() {
		List<JsonNode> panels = new ArrayList<>();
		for (JsonNode panel : this.root.path("panels")) {
			panels.add(panel);
			for (JsonNode nested : panel.path("panels")) {
				panels.add(nested);
			}
		}
		return panels;
	}

	/**
	 * Return the PromQL of every panel target and of every query variable, the metric
	 * selector of {@code label_values(metric, label)} standing for the variable.
	 */
	List<String> expressions() {
		List<String> expressions = new ArrayList<>();
		for (JsonNode panel : panels()) {
			for (JsonNode target : panel.path("targets")) {
				expressions.add(target.path("expr").asString());
			}
		}
		for (JsonNode variable : this.root.path("templating").path("list")) {
			if ("query".equals(variable.path("type").asString())) {
				JsonNode query = variable.path("query");
				String text = query.isObject() ? query.path("query").asString() : query.asString();
				expressions.add(variableExpression(text));
			}
		}
		return expressions;
	}

	/**
	 * Return the metric names the board's PromQL selects.
	 */
	Set<String> metricNames() {
		Set<String> names = new TreeSet<>();
		for (String expression : expressions()) {
			names.addAll(metricNames(expression));
		}
		return names;
	}

	/**
	 * Return the metric names one PromQL expression selects: every identifier that is not
	 * a function, a keyword, a label name in a matcher or grouping, a duration or a
	 * Grafana variable.
	 * @param expression the PromQL
	 * @return the names
	 */
	static Set<String> metricNames(String expression) {
		String stripped = STRING.matcher(expression).replaceAll("\"\"");
		stripped = MATCHERS.matcher(stripped).replaceAll(" ");
		stripped = RANGE.matcher(stripped).replaceAll(" ");
		stripped = LABEL_LIST.matcher(stripped).replaceAll(" ");
		stripped = OFFSET.matcher(stripped).replaceAll(" ");
		stripped = VARIABLE.matcher(stripped).replaceAll(" ");
		Set<String> names = new TreeSet<>();
		Matcher identifier = IDENTIFIER.matcher(stripped);
		while (identifier.find()) {
			String name = identifier.group();
			boolean partOfNumber = identifier.start() > 0 && (Character.isDigit(stripped.charAt(identifier.start() - 1))
					|| stripped.charAt(identifier.start() - 1) == '.');
			if (!partOfNumber && !KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))
					&& !isCall(stripped, identifier.end())) {
				names.add(name);
			}
		}
		return names;
	}

	/**
	 * Return the metric names an exposition in the Prometheus text format has samples of:
	 * what PromQL selects, with the {@code _total}, {@code _count}, {@code _sum},
	 * {@code _bucket} and {@code _max} suffixes each sample carries.
	 * @param exposition the scraped text
	 * @return the names
	 */
	static Set<String> exported(String exposition) {
		Set<String> names = new TreeSet<>();
		for (String line : exposition.split("\n")) {
			if (!line.isBlank() && !line.startsWith("#")) {
				Matcher name = IDENTIFIER.matcher(line);
				if (name.lookingAt()) {
					names.add(name.group());
				}
			}
		}
		return names;
	}

	private static boolean isCall(String text, int end) {
		int i = end;
		while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
			i++;
		}
		return i < text.length() && text.charAt(i) == '(';
	}

	private static String variableExpression(String query) {
		Matcher labelValues = LABEL_VALUES.matcher(query);
		if (labelValues.matches()) {
			String arguments = labelValues.group(1);
			int comma = lastTopLevelComma(arguments);
			return (comma >= 0) ? arguments.substring(0, comma) : "";
		}
		Matcher queryResult = QUERY_RESULT.matcher(query);
		return queryResult.matches() ? queryResult.group(1) : query;
	}

	private static int lastTopLevelComma(String arguments) {
		int depth = 0;
		int comma = -1;
		boolean quoted = false;
		for (int i = 0; i < arguments.length(); i++) {
			char c = arguments.charAt(i);
			if (c == '"' && (i == 0 || arguments.charAt(i - 1) != '\\')) {
				quoted = !quoted;
			}
			else if (!quoted && (c == '{' || c == '(' || c == '[')) {
				depth++;
			}
			else if (!quoted && (c == '}' || c == ')' || c == ']')) {
				depth--;
			}
			else if (!quoted && depth == 0 && c == ',') {
				comma = i;
			}
		}
		return comma;
	}

}
