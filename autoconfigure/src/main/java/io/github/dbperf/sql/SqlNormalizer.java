package io.github.dbperf.sql;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One linear pass over SQL text that folds it the way pt-query-digest and
 * pg_stat_statements do, and notes the operation and tables on the way. Every literal
 * form of the dialect becomes {@code ?}: strings with their prefixes and escapes, numbers
 * in any base, and MySQL's {@code "..."} strings. It favours speed and never throwing
 * over perfect parsing, and allocates in proportion to the text.
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

	private static final Set<String> STRING_PREFIXES = Set.of("e", "n", "x", "b", "nq", "q");

	private final String text;

	private final int length;

	private final SqlDialect dialect;

	private final StringBuilder out;

	private final StatementTables statement = new StatementTables();

	private int position;

	private String previous = "";

	private String beforePrevious = "";

	private final Deque<Group> groups = new ArrayDeque<>();

	private boolean valuesChain;

	private boolean batchFetch;

	private int inlinedLiterals;

	private boolean leadingWildcard;

	private boolean afterLike;

	private long literalOffset = -1;

	private long limitValue = -1;

	private int largestInList;

	private long largestLimit = -1;

	private SqlNormalizer(String sql, SqlDialect dialect) {
		this.text = sql;
		this.length = Math.min(sql.length(), MAX_LENGTH);
		this.dialect = dialect;
		this.out = new StringBuilder(Math.min(this.length, 4096));
	}

	static SqlNormalizer normalize(String sql, SqlDialect dialect) {
		SqlNormalizer normalizer = new SqlNormalizer(sql, dialect);
		normalizer.run();
		return normalizer;
	}

	String sql() {
		return this.out.toString();
	}

	Operation operation() {
		return this.statement.operation();
	}

	Set<String> tables() {
		return this.statement.tables();
	}

	Set<String> writtenTables() {
		return this.statement.writtenTables();
	}

	boolean batchFetch() {
		return this.batchFetch;
	}

	/**
	 * Return what the pass learned for the SQL rules.
	 * @return the facts
	 */
	SqlRules.Facts facts() {
		return new SqlRules.Facts(this.inlinedLiterals, this.leadingWildcard, this.literalOffset, this.largestInList,
				this.largestLimit);
	}

	private void run() {
		while (this.position < this.length) {
			char c = this.text.charAt(this.position);
			if (Character.isWhitespace(c) || Character.isISOControl(c)) {
				this.position++;
			}
			else if ((c == '-' && peek(1) == '-') || (c == '#' && this.dialect.hashComments())
					|| (c == '/' && peek(1) == '/' && this.dialect == SqlDialect.H2)) {
				skipLine();
			}
			else if (c == '/' && peek(1) == '*') {
				skipBlockComment();
			}
			else if (c == '\'' || (c == '"' && this.dialect.doubleQuotedStrings())) {
				int start = this.position;
				skipString(c, this.dialect.backslashEscapes());
				stringLiteral(start);
			}
			else if (c == '"' || c == '`') {
				quotedIdentifier(c, c);
			}
			else if (c == '[' && this.dialect == SqlDialect.SQL_SERVER) {
				quotedIdentifier(c, ']');
			}
			else if (c == '$' && isDigit(peek(1))) {
				this.position++;
				skipNumber();
				placeholder();
			}
			else if (c == '$' && dollarTagEnd() > 0) {
				skipDollarString();
				literal();
			}
			else if (isDigit(c) || (c == '.' && isDigit(peek(1)) && !isValueToken(this.previous))) {
				int start = this.position;
				skipNumber();
				numberLiteral(start);
			}
			else if (c == '-' && isDigit(peek(1)) && !isValueToken(this.previous)) {
				this.position++;
				int start = this.position;
				skipNumber();
				numberLiteral(start);
			}
			else if (isIdentifierStart(c)) {
				word();
			}
			else if (c == '?') {
				this.position++;
				placeholder();
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
		boolean nested = this.dialect.nestedComments();
		int depth = 0;
		while (this.position < this.length) {
			if (this.text.charAt(this.position) == '/' && peek(1) == '*') {
				depth = nested ? depth + 1 : 1;
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

	private void skipString(char quote, boolean backslashEscapes) {
		this.position++;
		while (this.position < this.length) {
			char c = this.text.charAt(this.position);
			if (c == '\\' && backslashEscapes) {
				this.position += 2;
			}
			else if (c == quote) {
				if (peek(1) == quote) {
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

	/**
	 * Skip Oracle's alternative quoting, such as {@code q'[it's]'}, from the quote.
	 */
	private void skipAlternativeQuote() {
		char open = peek(1);
		char close = switch (open) {
			case '[' -> ']';
			case '{' -> '}';
			case '(' -> ')';
			case '<' -> '>';
			default -> open;
		};
		this.position += 2;
		while (this.position < this.length) {
			if (this.text.charAt(this.position) == close && peek(1) == '\'') {
				this.position += 2;
				return;
			}
			this.position++;
		}
	}

	private int dollarTagEnd() {
		if (this.dialect != SqlDialect.POSTGRESQL && this.dialect != SqlDialect.H2
				&& this.dialect != SqlDialect.GENERIC) {
			return -1;
		}
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

	/**
	 * Skip a number in any base ({@code 0x1F}, {@code 0b1010}, {@code 0o17}), with
	 * fraction, exponent, separators and any suffix such as Oracle's {@code 1.5f}.
	 */
	private void skipNumber() {
		char base = Character.toLowerCase(peek(1));
		if (this.text.charAt(this.position) == '0' && (base == 'x' || base == 'b' || base == 'o')) {
			this.position += 2;
		}
		while (this.position < this.length) {
			char c = this.text.charAt(this.position);
			if ((c == 'e' || c == 'E') && (peek(1) == '+' || peek(1) == '-') && isDigit(peek(2))) {
				this.position += 2;
			}
			else if (c == '.' || isIdentifierPart(c)) {
				this.position++;
			}
			else {
				return;
			}
		}
	}

	private void quotedIdentifier(char quote, char closing) {
		int start = this.position;
		this.position++;
		while (this.position < this.length) {
			char c = this.text.charAt(this.position++);
			if (c == closing) {
				if (this.position < this.length && this.text.charAt(this.position) == closing) {
					this.position++;
				}
				else {
					break;
				}
			}
		}
		String quoted = this.text.substring(start, this.position);
		boolean closed = quoted.length() > 1 && quoted.charAt(quoted.length() - 1) == closing;
		String name = quoted.substring(1, closed ? quoted.length() - 1 : quoted.length());
		emit((quote == '[') ? "\"" + name + "\"" : quoted, name.toLowerCase(Locale.ROOT), true);
	}

	private void word() {
		int start = this.position;
		while (this.position < this.length && isIdentifierPart(this.text.charAt(this.position))) {
			this.position++;
		}
		String word = this.text.substring(start, this.position).toLowerCase(Locale.ROOT);
		char next = (this.position < this.length) ? this.text.charAt(this.position) : '\0';
		if (next == '\'' && (word.equals("q") || word.equals("nq")) && this.dialect == SqlDialect.ORACLE) {
			skipAlternativeQuote();
			literal();
			return;
		}
		if ((next == '\'' || (next == '"' && this.dialect.doubleQuotedStrings())) && isStringPrefix(word)) {
			int quote = this.position;
			skipString(next, word.equals("e") || this.dialect.backslashEscapes());
			stringLiteral(quote);
			return;
		}
		if (word.equals("true") || word.equals("false")) {
			literal();
			return;
		}
		boolean like = word.equals("like") || word.equals("ilike");
		emit(word, word, false);
		this.afterLike = like || (this.afterLike && word.equals("concat"));
	}

	private boolean isStringPrefix(String word) {
		// MySQL's charset introducers: _utf8mb4'...', _binary'...'
		return STRING_PREFIXES.contains(word) || (word.charAt(0) == '_' && this.dialect == SqlDialect.MYSQL);
	}

	private void literal() {
		emit("?", "?", false);
	}

	private void placeholder() {
		this.afterLike = false;
		this.limitValue = -1;
		literal();
	}

	private void stringLiteral(int start) {
		if (this.afterLike && start + 1 < this.length) {
			char first = this.text.charAt(start + 1);
			this.leadingWildcard = this.leadingWildcard || first == '%' || first == '_';
		}
		this.afterLike = false;
		countInlined();
		literal();
	}

	private void numberLiteral(int start) {
		long value = parseCount(start);
		if (this.previous.equals("offset")) {
			this.literalOffset = Math.max(this.literalOffset, value);
		}
		else if (this.previous.equals("(") && this.beforePrevious.equals(",") && this.limitValue >= 0) {
			// MySQL's LIMIT offset, count
			this.literalOffset = Math.max(this.literalOffset, this.limitValue);
		}
		this.limitValue = this.previous.equals("limit") ? value : -1;
		if (this.previous.equals("limit") || this.previous.equals("first") || this.previous.equals("next")
				|| this.previous.equals("top")) {
			this.largestLimit = Math.max(this.largestLimit, value);
		}
		this.afterLike = false;
		countInlined();
		literal();
	}

	private long parseCount(int start) {
		long value = 0;
		for (int i = start; i < this.position; i++) {
			char c = this.text.charAt(i);
			if (!isDigit(c) || value > Long.MAX_VALUE / 10 - 10) {
				return (i == start) ? -1 : value;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	/**
	 * Count a literal that stands where a value is compared, assigned or inserted: those
	 * are the ones an application writes into the text instead of binding. Literals in
	 * select lists, LIMIT clauses and Hibernate's discriminator tests are not counted.
	 */
	private void countInlined() {
		Group group = this.groups.peek();
		boolean inList = this.previous.equals("(") && group != null
				&& (group.valuesRow || (group.keyword.equals("in") && !group.subject.equals("dtype")));
		boolean compared = switch (this.previous) {
			case "=", "<>", "!=", "<", ">", "<=", ">=", "like", "ilike" -> !this.beforePrevious.equals("dtype");
			default -> false;
		};
		if (inList || compared) {
			this.inlinedLiterals++;
		}
	}

	private void operator() {
		int start = this.position;
		while (this.position < this.length) {
			char c = this.text.charAt(this.position);
			boolean operatorChar = "<>=!~|&+-*/%^@#:".indexOf(c) >= 0;
			boolean otherSymbol = !operatorChar && !Character.isWhitespace(c) && !isIdentifierPart(c)
					&& "()[],.;'\"`$?".indexOf(c) < 0;
			if (!(operatorChar || otherSymbol) || (c == '-' && peek(1) == '-') || (c == '/' && peek(1) == '*')
					|| (c == '#' && this.dialect.hashComments())) {
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
		this.statement.token(name, quoted, this.groups.size());
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
		if (c == '.') {
			this.statement.dot(isIdentifierToken(this.previous) || this.previous.startsWith("\""));
		}
		this.out.append(c);
		if (c == ',') {
			this.out.append(' ');
			this.statement.comma(this.groups.size());
		}
		else if (c == ';') {
			this.out.append(' ');
			this.statement.semicolon();
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
		StatementTables.State saved = this.statement.open();
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
		this.groups.push(new Group(this.out.length(), keyword, this.beforePrevious, valuesRow, commaBefore, saved));
		this.valuesChain = false;
		shift(String.valueOf(c));
	}

	private void close(char c) {
		trimSpace();
		Group group = this.groups.poll();
		if (group != null && group.start <= this.out.length()) {
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
			else if ((group.keyword.equals("in") || group.keyword.equals("array") || group.keyword.equals("any"))
					&& isList(group.start)) {
				this.largestInList = Math.max(this.largestInList, listSize(group.start));
				this.out.setLength(group.start);
				this.out.append(LIST);
				this.batchFetch = true;
			}
			if (group.keyword.equals("any")) {
				this.batchFetch = true;
			}
			this.statement.close(group.tableState);
		}
		this.out.append(c);
		this.valuesChain = group != null && group.valuesRow;
		shift(String.valueOf(c));
	}

	/**
	 * Tell whether the output from {@code start} is a list of placeholders, reading it in
	 * place: copying it at every closing parenthesis would be quadratic when nested.
	 */
	private boolean isList(int start) {
		int end = this.out.length();
		if (start >= end) {
			return false;
		}
		if (end - start == LIST.length() && this.out.indexOf(LIST, start) == start) {
			return true;
		}
		for (int i = start; i < end; i++) {
			char c = this.out.charAt(i);
			if (c != '?' && c != ',' && c != ' ') {
				return false;
			}
		}
		return true;
	}

	private int listSize(int start) {
		int items = 1;
		for (int i = start; i < this.out.length(); i++) {
			if (this.out.charAt(i) == ',') {
				items++;
			}
		}
		return items;
	}

	private void trimTrailingSemicolons() {
		int end = this.out.length();
		while (end > 0 && (this.out.charAt(end - 1) == ';' || this.out.charAt(end - 1) == ' ')) {
			end--;
		}
		this.out.setLength(end);
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

	static boolean isIdentifierToken(String token) {
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

	private record Group(int start, String keyword, String subject, boolean valuesRow, int commaStart,
			StatementTables.State tableState) {
	}

}
