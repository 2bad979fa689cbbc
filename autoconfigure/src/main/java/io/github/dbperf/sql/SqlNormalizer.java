package io.github.dbperf.sql;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One linear pass over SQL text that folds it the way pt-query-digest and
 * pg_stat_statements do, and notes the operation and tables on the way. It favours speed
 * and never throwing over perfect parsing.
 *
 * @author dbperf
 * @since 0.1.0
 */
final class SqlNormalizer {

	/**
	 * Longer texts are fingerprinted over this prefix.
	 */
	static final int MAX_LENGTH = 64 * 1024;

	private static final String LIST = "...";

	private static final Set<String> CLAUSE_ENDS = Set.of("where", "on", "group", "order", "limit", "having", "set",
			"values", "union", "intersect", "except", "select", "join", "inner", "left", "right", "full", "cross",
			"natural", "window", "returning", "for", "offset", "fetch", "using", "lateral", "straight_join");

	private static final Set<String> NOT_ALIASES = Set.of("where", "on", "group", "order", "limit", "having", "set",
			"values", "union", "join", "inner", "left", "right", "full", "cross", "natural", "for", "returning",
			"offset", "fetch", "using", "select", "window", "intersect", "except");

	private final String text;

	private final int length;

	private final StringBuilder out;

	private int position;

	private String previous = "";

	private String beforePrevious = "";

	private final Deque<Group> groups = new ArrayDeque<>();

	private boolean valuesChain;

	private @Nullable Operation operation;

	private boolean withClause;

	private final Set<String> tables = new LinkedHashSet<>();

	private @Nullable String writtenTable;

	private TableState tableState = TableState.NONE;

	private boolean writeTarget;

	private boolean batchFetch;

	private SqlNormalizer(String sql) {
		this.text = sql;
		this.length = Math.min(sql.length(), MAX_LENGTH);
		this.out = new StringBuilder(Math.min(this.length, 4096));
	}

	static SqlNormalizer normalize(String sql) {
		SqlNormalizer normalizer = new SqlNormalizer(sql);
		normalizer.run();
		return normalizer;
	}

	String sql() {
		return this.out.toString();
	}

	Operation operation() {
		return (this.operation != null) ? this.operation : Operation.OTHER;
	}

	Set<String> tables() {
		return this.tables;
	}

	@Nullable String writtenTable() {
		return this.writtenTable;
	}

	boolean batchFetch() {
		return this.batchFetch;
	}

	private void run() {
		while (this.position < this.length) {
			char c = this.text.charAt(this.position);
			if (Character.isWhitespace(c) || Character.isISOControl(c)) {
				this.position++;
			}
			else if (c == '-' && peek(1) == '-') {
				skipLine();
			}
			else if (c == '/' && peek(1) == '*') {
				skipBlockComment();
			}
			else if (c == '\'') {
				skipString(false);
				literal();
			}
			else if (c == '"' || c == '`') {
				quotedIdentifier(c);
			}
			else if (c == '$' && isDigit(peek(1))) {
				this.position++;
				while (this.position < this.length && isDigit(this.text.charAt(this.position))) {
					this.position++;
				}
				literal();
			}
			else if (c == '$' && dollarTagEnd() > 0) {
				skipDollarString();
				literal();
			}
			else if (isDigit(c) || (c == '.' && isDigit(peek(1)) && !isValueToken(this.previous))) {
				skipNumber();
				literal();
			}
			else if (c == '-' && isDigit(peek(1)) && !isValueToken(this.previous)) {
				this.position++;
				skipNumber();
				literal();
			}
			else if (isIdentifierStart(c)) {
				word();
			}
			else if (c == '?') {
				this.position++;
				literal();
			}
			else if (c == '(' || c == '[') {
				this.position++;
				open(c);
			}
			else if (c == ')' || c == ']') {
				this.position++;
				close(c);
			}
			else if (c == ',' || c == '.' || c == ';') {
				this.position++;
				punctuation(c);
			}
			else {
				operator();
			}
		}
		trimTrailingSemicolons();
	}

	private char peek(int offset) {
		int index = this.position + offset;
		return (index < this.length) ? this.text.charAt(index) : '\0';
	}

	private void skipLine() {
		while (this.position < this.length && this.text.charAt(this.position) != '\n') {
			this.position++;
		}
	}

	private void skipBlockComment() {
		int depth = 0;
		while (this.position < this.length) {
			if (this.text.charAt(this.position) == '/' && peek(1) == '*') {
				depth++;
				this.position += 2;
			}
			else if (this.text.charAt(this.position) == '*' && peek(1) == '/') {
				depth--;
				this.position += 2;
				if (depth == 0) {
					return;
				}
			}
			else {
				this.position++;
			}
		}
	}

	private void skipString(boolean backslashEscapes) {
		this.position++;
		while (this.position < this.length) {
			char c = this.text.charAt(this.position);
			if (c == '\\' && backslashEscapes) {
				this.position += 2;
			}
			else if (c == '\'') {
				if (peek(1) == '\'') {
					this.position += 2;
				}
				else {
					this.position++;
					return;
				}
			}
			else {
				this.position++;
			}
		}
	}

	private int dollarTagEnd() {
		int index = this.position + 1;
		while (index < this.length) {
			char c = this.text.charAt(index);
			if (c == '$') {
				return index;
			}
			if (!(Character.isLetterOrDigit(c) || c == '_') || (index == this.position + 1 && isDigit(c))) {
				return -1;
			}
			index++;
		}
		return -1;
	}

	private void skipDollarString() {
		int tagEnd = dollarTagEnd();
		String tag = this.text.substring(this.position, tagEnd + 1);
		int close = this.text.indexOf(tag, tagEnd + 1);
		this.position = (close < 0 || close >= this.length) ? this.length : close + tag.length();
	}

	private void skipNumber() {
		if (this.text.charAt(this.position) == '0' && (peek(1) == 'x' || peek(1) == 'X')) {
			this.position += 2;
			while (this.position < this.length && Character.digit(this.text.charAt(this.position), 16) >= 0) {
				this.position++;
			}
			return;
		}
		while (this.position < this.length) {
			char c = this.text.charAt(this.position);
			if (isDigit(c) || c == '.' || c == '_') {
				this.position++;
			}
			else if ((c == 'e' || c == 'E')
					&& (isDigit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && isDigit(peek(2))))) {
				this.position += 2;
			}
			else {
				return;
			}
		}
	}

	private void quotedIdentifier(char quote) {
		int start = this.position;
		this.position++;
		while (this.position < this.length) {
			char c = this.text.charAt(this.position++);
			if (c == quote) {
				if (this.position < this.length && this.text.charAt(this.position) == quote) {
					this.position++;
				}
				else {
					break;
				}
			}
		}
		String quoted = this.text.substring(start, this.position);
		boolean closed = quoted.length() > 1 && quoted.charAt(quoted.length() - 1) == quote;
		String name = quoted.substring(1, closed ? quoted.length() - 1 : quoted.length());
		emit(quoted, name.toLowerCase(Locale.ROOT), true);
	}

	private void word() {
		int start = this.position;
		while (this.position < this.length && isIdentifierPart(this.text.charAt(this.position))) {
			this.position++;
		}
		String word = this.text.substring(start, this.position).toLowerCase(Locale.ROOT);
		if (this.position < this.length && this.text.charAt(this.position) == '\'' && isStringPrefix(word)) {
			skipString(word.equals("e"));
			literal();
			return;
		}
		if (word.equals("true") || word.equals("false")) {
			literal();
			return;
		}
		emit(word, word, false);
	}

	private static boolean isStringPrefix(String word) {
		return word.equals("e") || word.equals("n") || word.equals("x") || word.equals("b") || word.equals("u&")
				|| word.equals("_utf8") || word.equals("_utf8mb4") || word.equals("_binary");
	}

	private void literal() {
		emit("?", "?", false);
	}

	private void operator() {
		int start = this.position;
		while (this.position < this.length) {
			char c = this.text.charAt(this.position);
			boolean operatorChar = "<>=!~|&+-*/%^@#:".indexOf(c) >= 0;
			boolean otherSymbol = !operatorChar && !Character.isWhitespace(c) && !isIdentifierPart(c)
					&& "()[],.;'\"`$?".indexOf(c) < 0;
			if (!(operatorChar || otherSymbol) || (c == '-' && peek(1) == '-') || (c == '/' && peek(1) == '*')) {
				break;
			}
			this.position++;
			if (otherSymbol) {
				break;
			}
		}
		if (this.position == start) {
			this.position++;
		}
		String operator = this.text.substring(start, this.position);
		if (operator.equals("::")) {
			trimSpace();
			this.out.append("::");
			shift("::");
			return;
		}
		emit(operator, operator, false);
	}

	private void emit(String token, String name, boolean quoted) {
		if (!this.previous.equals("(") && !this.previous.equals("[") && !this.previous.equals(".")
				&& !this.previous.equals("::") && !this.previous.isEmpty()) {
			this.out.append(' ');
		}
		this.out.append(token);
		track(name, quoted);
		this.valuesChain = false;
		shift(quoted ? "\"" + name : token);
	}

	private void shift(String token) {
		this.beforePrevious = this.previous;
		this.previous = token;
	}

	private void trimSpace() {
		int last = this.out.length() - 1;
		if (last >= 0 && this.out.charAt(last) == ' ') {
			this.out.setLength(last);
		}
	}

	private void punctuation(char c) {
		trimSpace();
		if (c == '.' && this.tableState == TableState.AFTER_TABLE && isIdentifierToken(this.previous)) {
			this.tableState = TableState.QUALIFIED;
		}
		this.out.append(c);
		if (c == ',') {
			this.out.append(' ');
			if (this.tableState == TableState.AFTER_TABLE || this.tableState == TableState.AFTER_ALIAS) {
				this.tableState = TableState.EXPECT_TABLE;
				this.writeTarget = false;
			}
		}
		else if (c == ';') {
			this.out.append(' ');
			this.tableState = TableState.NONE;
		}
		String token = String.valueOf(c);
		if (!token.equals(",")) {
			this.valuesChain = false;
		}
		shift(token);
		if (c == ',' || c == ';') {
			// The space is already written
			this.previous = "(";
			this.beforePrevious = token;
		}
	}

	private void open(char c) {
		String keyword = this.previous;
		boolean valuesRow = keyword.equals("values") || (this.valuesChain && this.beforePrevious.equals(","));
		if (this.tableState == TableState.AFTER_TABLE && !this.tables.isEmpty() && !this.writeTarget) {
			// A table function such as generate_series(...), not a table
			removeLastTable();
		}
		boolean afterWord = isIdentifierToken(keyword) && !keyword.equals("in") && !keyword.equals("values")
				&& !keyword.equals("any") && !keyword.equals("array") && !isKeywordBeforeParenthesis(keyword);
		if (afterWord || c == '[') {
			trimSpace();
		}
		else if (!this.previous.isEmpty() && !this.previous.equals("(")) {
			this.out.append(' ');
		}
		int commaBefore = valuesRow && !keyword.equals("values") ? this.out.length() : -1;
		this.out.append(c);
		this.groups.push(new Group(this.out.length(), keyword, valuesRow, commaBefore, this.tableState));
		if (this.tableState == TableState.EXPECT_TABLE) {
			this.tableState = TableState.NONE;
		}
		this.valuesChain = false;
		shift(String.valueOf(c));
	}

	private void close(char c) {
		trimSpace();
		Group group = this.groups.poll();
		if (group != null && group.start <= this.out.length()) {
			String content = this.out.substring(group.start);
			if (group.valuesRow) {
				if (group.commaStart >= 0) {
					// A further row of a multi-row VALUES: drop it with its comma
					int cut = this.out.lastIndexOf(",", group.commaStart);
					this.out.setLength((cut >= 0) ? cut : group.commaStart);
					this.previous = ")";
					this.valuesChain = true;
					return;
				}
				this.out.setLength(group.start);
				this.out.append(LIST);
			}
			else if (isList(content)
					&& (group.keyword.equals("in") || group.keyword.equals("array") || group.keyword.equals("any"))) {
				this.out.setLength(group.start);
				this.out.append(LIST);
				this.batchFetch = true;
			}
			if (group.keyword.equals("any")) {
				this.batchFetch = true;
			}
			if (group.tableState == TableState.AFTER_TABLE || group.tableState == TableState.AFTER_ALIAS) {
				this.tableState = group.tableState;
			}
		}
		this.out.append(c);
		this.valuesChain = group != null && group.valuesRow;
		shift(String.valueOf(c));
	}

	private static boolean isList(String content) {
		if (content.isEmpty()) {
			return false;
		}
		if (content.equals(LIST)) {
			return true;
		}
		for (int i = 0; i < content.length(); i++) {
			char c = content.charAt(i);
			if (c != '?' && c != ',' && c != ' ') {
				return false;
			}
		}
		return true;
	}

	private void trimTrailingSemicolons() {
		int end = this.out.length();
		while (end > 0 && (this.out.charAt(end - 1) == ';' || this.out.charAt(end - 1) == ' ')) {
			end--;
		}
		this.out.setLength(end);
	}

	private void track(String word, boolean quoted) {
		int depth = this.groups.size();
		if (!quoted) {
			trackOperation(word, depth);
		}
		switch (this.tableState) {
			case EXPECT_TABLE -> {
				if (quoted || isIdentifierToken(word)) {
					addTable(word);
					this.tableState = TableState.AFTER_TABLE;
					return;
				}
				this.tableState = TableState.NONE;
			}
			case QUALIFIED -> {
				if (quoted || isIdentifierToken(word)) {
					qualifyLastTable(word);
				}
				this.tableState = TableState.AFTER_TABLE;
				return;
			}
			case AFTER_TABLE, AFTER_ALIAS -> {
				if (!quoted && NOT_ALIASES.contains(word)) {
					this.tableState = TableState.NONE;
				}
				else if (quoted || word.equals("as") || isIdentifierToken(word)) {
					this.tableState = TableState.AFTER_ALIAS;
					return;
				}
				else {
					this.tableState = TableState.NONE;
				}
			}
			default -> {
			}
		}
		if (quoted) {
			return;
		}
		switch (word) {
			case "from", "join", "straight_join" -> {
				this.writeTarget = this.operation == Operation.DELETE && this.writtenTable == null
						&& word.equals("from");
				this.tableState = TableState.EXPECT_TABLE;
			}
			case "into" -> {
				this.writeTarget = this.writtenTable == null;
				this.tableState = TableState.EXPECT_TABLE;
			}
			case "update" -> {
				if (this.writtenTable == null && (this.previous.isEmpty() || this.previous.equals(")"))) {
					this.writeTarget = true;
					this.tableState = TableState.EXPECT_TABLE;
				}
			}
			case "table" -> {
				if (this.previous.equals("truncate")) {
					this.writeTarget = true;
					this.tableState = TableState.EXPECT_TABLE;
				}
			}
			case "truncate" -> {
				this.writeTarget = true;
				this.tableState = TableState.EXPECT_TABLE;
			}
			case "only" -> {
				if (this.previous.equals("from") || this.previous.equals("join")) {
					this.tableState = TableState.EXPECT_TABLE;
				}
			}
			default -> {
				if (CLAUSE_ENDS.contains(word) && this.tableState == TableState.EXPECT_TABLE) {
					this.tableState = TableState.NONE;
				}
			}
		}
	}

	private void trackOperation(String word, int depth) {
		if (this.operation != null && !(this.withClause && depth == 0)) {
			return;
		}
		Operation detected = switch (word) {
			case "select", "values", "table", "show", "explain" -> word.equals("select") ? Operation.SELECT : null;
			case "insert", "replace", "merge", "upsert" -> Operation.INSERT;
			case "update" -> Operation.UPDATE;
			case "delete", "truncate" -> Operation.DELETE;
			default -> null;
		};
		if (this.operation == null && word.equals("with")) {
			this.withClause = true;
			return;
		}
		if (this.withClause) {
			if (depth == 0 && detected != null) {
				this.operation = detected;
				this.withClause = false;
			}
			return;
		}
		if (this.operation == null) {
			this.operation = (detected != null) ? detected : Operation.OTHER;
		}
	}

	private void addTable(String name) {
		if (this.writeTarget && this.writtenTable == null) {
			this.writtenTable = name;
			this.writeTarget = true;
			return;
		}
		this.writeTarget = false;
		this.tables.add(name);
	}

	private void qualifyLastTable(String name) {
		if (this.writeTarget && this.writtenTable != null && !this.writtenTable.contains(".")) {
			this.writtenTable = this.writtenTable + "." + name;
			return;
		}
		String last = null;
		for (String table : this.tables) {
			last = table;
		}
		if (last != null) {
			this.tables.remove(last);
			this.tables.add(last + "." + name);
		}
	}

	private void removeLastTable() {
		String last = null;
		for (String table : this.tables) {
			last = table;
		}
		if (last != null) {
			this.tables.remove(last);
		}
		this.tableState = TableState.NONE;
	}

	private static boolean isKeywordBeforeParenthesis(String word) {
		return switch (word) {
			case "from", "join", "where", "and", "or", "not", "on", "exists", "as", "select", "using", "over", "filter",
					"within", "then", "else", "when", "case", "set", "by", "having", "union", "all", "distinct",
					"returning", "lateral", "with", "recursive", "materialized", "into", "table" ->
				true;
			default -> false;
		};
	}

	private static boolean isValueToken(String token) {
		if (token.isEmpty()) {
			return false;
		}
		if (token.equals("?") || token.equals(")") || token.equals("]") || token.startsWith("\"")) {
			return true;
		}
		return isIdentifierToken(token) && !isOperatorKeyword(token);
	}

	private static boolean isOperatorKeyword(String token) {
		return switch (token) {
			case "and", "or", "not", "select", "where", "when", "then", "else", "in", "between", "like", "is", "return",
					"values", "by", "limit", "offset", "set", "case", "interval", "on", "having" ->
				true;
			default -> false;
		};
	}

	private static boolean isIdentifierToken(String token) {
		return !token.isEmpty() && isIdentifierStart(token.charAt(0));
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static boolean isIdentifierStart(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c > 127 && Character.isLetter(c));
	}

	private static boolean isIdentifierPart(char c) {
		return isIdentifierStart(c) || isDigit(c) || c == '$' || (c > 127 && Character.isLetterOrDigit(c));
	}

	private enum TableState {

		NONE, EXPECT_TABLE, AFTER_TABLE, QUALIFIED, AFTER_ALIAS

	}

	private record Group(int start, String keyword, boolean valuesRow, int commaStart, TableState tableState) {
	}

}
