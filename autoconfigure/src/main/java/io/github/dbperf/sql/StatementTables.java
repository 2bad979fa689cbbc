package io.github.dbperf.sql;

import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What a statement does and which tables it reads and writes, learned token by token as
 * {@link SqlNormalizer} reads it. The first verb at the top level (after any {@code WITH}
 * clause) decides the operation, and for writes the table named after it, past modifiers
 * such as {@code INTO}, {@code TABLE} or {@code ONLY}, is the one written.
 *
 * @author dbperf
 * @since 0.1.0
 */
final class StatementTables {

	private static final Set<String> CLAUSE_ENDS = Set.of("where", "on", "group", "order", "limit", "having", "set",
			"values", "union", "intersect", "except", "select", "join", "inner", "left", "right", "full", "cross",
			"natural", "window", "returning", "for", "offset", "fetch", "using", "lateral", "straight_join");

	private static final Set<String> NOT_ALIASES = Set.of("where", "on", "group", "order", "limit", "having", "set",
			"values", "union", "join", "inner", "left", "right", "full", "cross", "natural", "for", "returning",
			"offset", "fetch", "using", "select", "window", "intersect", "except", "from", "into", "when", "then",
			"default", "straight_join");

	// Words between a verb (or FROM) and its table: DELETE FROM ONLY t, TRUNCATE TABLE t,
	// INSERT IGNORE INTO t, MERGE INTO t, DELETE TOP (10) FROM t
	private static final Set<String> MODIFIERS = Set.of("into", "from", "table", "only", "ignore", "low_priority",
			"high_priority", "delayed", "quick", "top");

	private @Nullable Operation operation;

	private boolean withClause;

	private final Set<String> tables = new LinkedHashSet<>();

	private @Nullable String lastTable;

	private @Nullable String writtenTable;

	private State state = State.NONE;

	private boolean writeTarget;

	Operation operation() {
		return (this.operation != null) ? this.operation : Operation.OTHER;
	}

	Set<String> tables() {
		return this.tables;
	}

	@Nullable String writtenTable() {
		return this.writtenTable;
	}

	/**
	 * Take the next token.
	 * @param word the token, lowercase; for a quoted identifier its unquoted name
	 * @param quoted whether it is a quoted identifier
	 * @param depth how many parentheses are open
	 */
	void token(String word, boolean quoted, int depth) {
		if (!quoted && operation(word, depth) && this.operation != Operation.SELECT
				&& this.operation != Operation.OTHER) {
			this.writeTarget = this.writtenTable == null;
			this.state = State.EXPECT_TABLE;
			return;
		}
		switch (this.state) {
			case EXPECT_TABLE -> {
				if (!quoted && MODIFIERS.contains(word)) {
					return;
				}
				if (quoted || SqlNormalizer.isIdentifierToken(word)) {
					addTable(word);
					this.state = State.AFTER_TABLE;
					return;
				}
				this.state = State.NONE;
			}
			case QUALIFIED -> {
				if (quoted || SqlNormalizer.isIdentifierToken(word)) {
					qualifyLastTable(word);
				}
				this.state = State.AFTER_TABLE;
				return;
			}
			case AFTER_TABLE, AFTER_ALIAS -> {
				if (!quoted && NOT_ALIASES.contains(word)) {
					this.state = State.NONE;
				}
				else if (quoted || word.equals("as") || SqlNormalizer.isIdentifierToken(word)) {
					this.state = State.AFTER_ALIAS;
					return;
				}
				else {
					this.state = State.NONE;
				}
			}
			default -> {
			}
		}
		if (quoted) {
			return;
		}
		switch (word) {
			case "from", "join", "straight_join", "using" -> {
				this.writeTarget = this.operation == Operation.DELETE && this.writtenTable == null
						&& word.equals("from");
				this.state = State.EXPECT_TABLE;
			}
			case "into" -> {
				this.writeTarget = this.writtenTable == null;
				this.state = State.EXPECT_TABLE;
			}
			default -> {
				if (CLAUSE_ENDS.contains(word) && this.state == State.EXPECT_TABLE) {
					this.state = State.NONE;
				}
			}
		}
	}

	/**
	 * Take a dot after the previous token.
	 * @param afterIdentifier whether the previous token was an identifier
	 */
	void dot(boolean afterIdentifier) {
		if (this.state == State.AFTER_TABLE && afterIdentifier) {
			this.state = State.QUALIFIED;
		}
	}

	void comma() {
		if (this.state == State.AFTER_TABLE || this.state == State.AFTER_ALIAS) {
			this.state = State.EXPECT_TABLE;
			this.writeTarget = false;
		}
	}

	void semicolon() {
		this.state = State.NONE;
	}

	/**
	 * Take an opening parenthesis.
	 * @return the state to restore at the matching close
	 */
	State open() {
		if (this.state == State.AFTER_TABLE && this.lastTable != null && !this.writeTarget) {
			// A table function such as generate_series(...), not a table
			this.tables.remove(this.lastTable);
			this.lastTable = null;
			this.state = State.NONE;
		}
		State saved = this.state;
		// Column lists and subqueries start afresh: INSERT INTO t (id, name) names no
		// tables
		this.state = State.NONE;
		return saved;
	}

	void close(State saved) {
		this.state = (saved == State.AFTER_TABLE || saved == State.AFTER_ALIAS) ? saved : State.NONE;
	}

	private boolean operation(String word, int depth) {
		if (this.operation != null && !(this.withClause && depth == 0)) {
			return false;
		}
		Operation detected = switch (word) {
			case "select" -> Operation.SELECT;
			case "insert", "replace", "merge", "upsert" -> Operation.INSERT;
			case "update" -> Operation.UPDATE;
			case "delete", "truncate" -> Operation.DELETE;
			case "create", "alter", "drop", "rename", "comment", "grant", "revoke" -> Operation.DDL;
			default -> null;
		};
		if (this.operation == null && word.equals("with")) {
			this.withClause = true;
			return false;
		}
		if (this.withClause) {
			if (depth == 0 && detected != null) {
				this.operation = detected;
				this.withClause = false;
				return true;
			}
			return false;
		}
		this.operation = (detected != null) ? detected : Operation.OTHER;
		// DDL names tables too, but writes no rows: no written table
		return detected != null && detected != Operation.DDL;
	}

	private void addTable(String name) {
		if (this.writeTarget && this.writtenTable == null) {
			this.writtenTable = name;
			return;
		}
		this.writeTarget = false;
		this.tables.add(name);
		this.lastTable = name;
	}

	private void qualifyLastTable(String name) {
		if (this.writeTarget && this.writtenTable != null && this.writtenTable.indexOf('.') < 0) {
			this.writtenTable = this.writtenTable + "." + name;
			return;
		}
		if (this.lastTable != null) {
			this.tables.remove(this.lastTable);
			this.lastTable = this.lastTable + "." + name;
			this.tables.add(this.lastTable);
		}
	}

	/**
	 * Where the statement is relative to a table name.
	 */
	enum State {

		NONE, EXPECT_TABLE, AFTER_TABLE, QUALIFIED, AFTER_ALIAS

	}

}
