package io.github.dbperf.sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What a statement does and which tables it reads and writes, learned token by token as
 * {@link SqlNormalizer} reads it. The first verb at the top level (after any {@code WITH}
 * clause) decides the operation, and for writes the tables named after it, past modifiers
 * such as {@code INTO}, {@code TABLE} or {@code ONLY}, are the ones written: every table
 * of a {@code TRUNCATE} list and of MySQL's multi-table {@code DELETE t1, t2 FROM ...}
 * (aliases resolved), and of a multi-table {@code UPDATE} those its {@code SET} clause
 * assigns (all of them when an assignment does not name its table).
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

	private static final Set<String> SET_ENDS = Set.of("where", "order", "limit", "from", "returning");

	private @Nullable Operation operation;

	private boolean withClause;

	private final Set<String> tables = new LinkedHashSet<>();

	private @Nullable String lastTable;

	// Written names as the statement spells them: tables, or aliases in MySQL's
	// DELETE t1, t2 FROM ...
	private final List<String> targets = new ArrayList<>();

	private final Map<String, String> aliases = new HashMap<>();

	private @Nullable String lastName;

	private boolean lastIsTarget;

	// Whether a comma adds another written table: TRUNCATE a, b and DELETE t1, t2
	private boolean targetList;

	// The tables an UPDATE names before SET, and what its SET clause assigns
	private final List<String> updateTables = new ArrayList<>();

	private boolean setSeen;

	private boolean inSet;

	private boolean assignmentStart;

	private @Nullable String assigned;

	private final List<String> assignedQualifiers = new ArrayList<>();

	private boolean assignedUnqualified;

	private State state = State.NONE;

	private boolean writeTarget;

	Operation operation() {
		return (this.operation != null) ? this.operation : Operation.OTHER;
	}

	Set<String> tables() {
		if (this.operation != Operation.UPDATE && this.operation != Operation.DELETE) {
			return this.tables;
		}
		Set<String> read = new LinkedHashSet<>(this.tables);
		if (this.updateTables.size() > 1) {
			// The table after UPDATE is only written if SET assigns it
			read.addAll(this.updateTables);
		}
		read.removeAll(writtenTables());
		return read;
	}

	Set<String> writtenTables() {
		Set<String> written = new LinkedHashSet<>();
		if (this.operation == Operation.UPDATE && this.updateTables.size() > 1) {
			for (String qualifier : this.assignedQualifiers) {
				String table = updateTable(qualifier);
				if (table == null) {
					written.clear();
					break;
				}
				written.add(table);
			}
			if (this.assignedUnqualified || written.isEmpty()) {
				written.addAll(this.updateTables);
			}
			return written;
		}
		for (String target : this.targets) {
			written.add(this.aliases.getOrDefault(target, target));
		}
		return written;
	}

	private @Nullable String updateTable(String qualifier) {
		String aliased = this.aliases.get(qualifier);
		if (aliased != null && this.updateTables.contains(aliased)) {
			return aliased;
		}
		for (String table : this.updateTables) {
			if (table.equals(qualifier) || table.endsWith("." + qualifier)) {
				return table;
			}
		}
		return null;
	}

	/**
	 * Take the next token.
	 * @param word the token, lowercase; for a quoted identifier its unquoted name
	 * @param quoted whether it is a quoted identifier
	 * @param depth how many parentheses are open
	 */
	void token(String word, boolean quoted, int depth) {
		if (this.inSet && depth == 0) {
			assignment(word, quoted);
		}
		if (!quoted && operation(word, depth) && this.operation != Operation.SELECT
				&& this.operation != Operation.OTHER) {
			this.writeTarget = this.targets.isEmpty();
			this.targetList = word.equals("truncate") || word.equals("delete");
			this.state = State.EXPECT_TABLE;
			return;
		}
		if (this.targetList && !quoted && this.state != State.EXPECT_TABLE && NOT_ALIASES.contains(word)) {
			this.targetList = false;
		}
		switch (this.state) {
			case EXPECT_TABLE -> {
				if (!quoted && MODIFIERS.contains(word)) {
					return;
				}
				if (quoted || SqlNormalizer.isIdentifierToken(word)) {
					addTable(word, depth);
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
				else if (!quoted && word.equals("as")) {
					return;
				}
				else if (quoted || SqlNormalizer.isIdentifierToken(word)) {
					if (this.state == State.AFTER_TABLE && this.lastName != null) {
						this.aliases.put(word, this.lastName);
					}
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
				this.writeTarget = this.operation == Operation.DELETE && this.targets.isEmpty() && word.equals("from");
				this.targetList = this.writeTarget;
				this.state = State.EXPECT_TABLE;
			}
			case "into" -> {
				this.writeTarget = this.targets.isEmpty();
				this.state = State.EXPECT_TABLE;
			}
			case "set" -> {
				if (this.operation == Operation.UPDATE && depth == 0 && !this.setSeen) {
					this.setSeen = true;
					this.inSet = true;
					this.assignmentStart = true;
				}
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
		if (this.assigned != null) {
			this.assignedQualifiers.add(this.assigned);
			this.assigned = null;
		}
		if (this.state == State.AFTER_TABLE && afterIdentifier) {
			this.state = State.QUALIFIED;
		}
	}

	/**
	 * Take a comma.
	 * @param depth how many parentheses are open
	 */
	void comma(int depth) {
		if (this.inSet && depth == 0) {
			this.assignmentStart = true;
		}
		if (this.targetList) {
			this.state = State.EXPECT_TABLE;
			this.writeTarget = true;
			return;
		}
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
		this.targetList = false;
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

	/**
	 * Take a word of a multi-table UPDATE's SET clause: the first word of an assignment
	 * is its table when a dot follows.
	 */
	private void assignment(String word, boolean quoted) {
		if (this.assigned != null) {
			this.assignedUnqualified = true;
			this.assigned = null;
		}
		if (!quoted && SET_ENDS.contains(word)) {
			this.inSet = false;
		}
		else if (this.assignmentStart) {
			this.assignmentStart = false;
			this.assigned = word;
		}
	}

	private void addTable(String name, int depth) {
		if (this.operation == Operation.UPDATE && depth == 0 && !this.setSeen) {
			this.updateTables.add(name);
		}
		this.lastName = name;
		this.lastIsTarget = this.writeTarget && (this.targets.isEmpty() || this.targetList);
		if (this.lastIsTarget) {
			this.targets.add(name);
			return;
		}
		this.writeTarget = false;
		this.tables.add(name);
		this.lastTable = name;
	}

	private void qualifyLastTable(String name) {
		String last = this.lastName;
		if (this.lastIsTarget) {
			if (last != null && last.indexOf('.') < 0) {
				this.lastName = last + "." + name;
				replaceLast(this.targets, last, this.lastName);
				replaceLast(this.updateTables, last, this.lastName);
			}
			return;
		}
		if (this.lastTable != null) {
			this.tables.remove(this.lastTable);
			this.lastTable = this.lastTable + "." + name;
			this.tables.add(this.lastTable);
			replaceLast(this.updateTables, last, this.lastTable);
			this.lastName = this.lastTable;
		}
	}

	private static void replaceLast(List<String> names, String name, String replacement) {
		if (!names.isEmpty() && names.get(names.size() - 1).equals(name)) {
			names.set(names.size() - 1, replacement);
		}
	}

	/**
	 * Where the statement is relative to a table name.
	 */
	enum State {

		NONE, EXPECT_TABLE, AFTER_TABLE, QUALIFIED, AFTER_ALIAS

	}

}
