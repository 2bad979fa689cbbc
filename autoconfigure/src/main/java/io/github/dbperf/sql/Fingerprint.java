package io.github.dbperf.sql;

import java.util.List;
import java.util.Set;

import io.github.dbperf.rules.Rule;

/**
 * A statement's fingerprint: its normalized text and a stable id, plus what the
 * normalization learned about it.
 *
 * @param id the first 64 bits of the SHA-256 of {@code sql}, as 16 lowercase hex digits:
 * the same across restarts and instances
 * @param sql the normalized text: literals as {@code ?}, lists as {@code (...)}
 * @param operation what the statement does
 * @param tables the tables it reads, lowercase, in the order of the statement
 * @param writtenTables the tables it writes, lowercase, in the order of the statement;
 * empty for reads
 * @param batchFetch whether it has an IN list or {@code ANY} array, the shape of a batch
 * fetch
 * @param rules the {@code sql} rules of the catalogue the statement breaks, checked once
 * when the fingerprint was computed
 * @param paged whether the statement limits its rows ({@code LIMIT}, {@code OFFSET},
 * {@code FETCH FIRST}/{@code NEXT}, {@code TOP}, {@code ROWNUM}), checked once when the
 * fingerprint was computed
 * @author dbperf
 * @since 0.1.0
 */
public record Fingerprint(String id, String sql, Operation operation, Set<String> tables, Set<String> writtenTables,
		boolean batchFetch, List<Rule> rules, boolean paged) {

	/**
	 * Create a fingerprint, telling from its text whether it limits its rows.
	 * @param id the id
	 * @param sql the normalized text
	 * @param operation what the statement does
	 * @param tables the tables it reads
	 * @param writtenTables the tables it writes
	 * @param batchFetch whether it has the shape of a batch fetch
	 * @param rules the {@code sql} rules it breaks
	 */
	public Fingerprint(String id, String sql, Operation operation, Set<String> tables, Set<String> writtenTables,
			boolean batchFetch, List<Rule> rules) {
		this(id, sql, operation, tables, writtenTables, batchFetch, rules, SqlRules.pages(sql));
	}

	/**
	 * Create a fingerprint that breaks no rule.
	 * @param id the id
	 * @param sql the normalized text
	 * @param operation what the statement does
	 * @param tables the tables it reads
	 * @param writtenTables the tables it writes
	 * @param batchFetch whether it has the shape of a batch fetch
	 */
	public Fingerprint(String id, String sql, Operation operation, Set<String> tables, Set<String> writtenTables,
			boolean batchFetch) {
		this(id, sql, operation, tables, writtenTables, batchFetch, List.of());
	}

	/**
	 * Tell whether the statement breaks a rule.
	 * @param rule the rule
	 * @return whether it does
	 */
	public boolean breaks(Rule rule) {
		return this.rules.contains(rule);
	}

}
