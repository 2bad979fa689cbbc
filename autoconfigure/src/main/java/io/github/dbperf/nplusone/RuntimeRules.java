package io.github.dbperf.nplusone;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.github.dbperf.rules.Finding;
import io.github.dbperf.rules.Rule;
import io.github.dbperf.rules.Rules;
import io.github.dbperf.rules.Where;
import io.github.dbperf.sql.Fingerprint;
import io.github.dbperf.sql.SqlText;

/**
 * The {@code runtime} rules of the catalogue, applied when a unit of work closes to what
 * the unit recorded while it ran: its N+1 and duplicate-query incidents, its statement
 * count, its inserts outside a JDBC batch, the connections it borrowed without running a
 * statement and the statements after its web handler returned.
 *
 * @author dbperf
 * @since 0.2.0
 */
public final class RuntimeRules {

	/**
	 * The default most statements of one unit of work before it is reported as chatty.
	 */
	public static final int DEFAULT_MAX_STATEMENTS = 50;

	/**
	 * The default fewest executions of one insert outside a batch that are reported.
	 */
	public static final int DEFAULT_MIN_UNBATCHED_INSERTS = 10;

	/**
	 * The default fewest writes of one unit of work, each committed on its own, that are
	 * reported.
	 */
	public static final int DEFAULT_MIN_AUTO_COMMIT_WRITES = 2;

	/**
	 * The default most rows of one query result not reported.
	 */
	public static final int DEFAULT_MAX_RESULT_ROWS = 1000;

	/**
	 * The rules at their defaults, all enabled.
	 */
	public static final RuntimeRules DEFAULTS = new RuntimeRules(DEFAULT_MAX_STATEMENTS, DEFAULT_MIN_UNBATCHED_INSERTS,
			DEFAULT_MIN_AUTO_COMMIT_WRITES, DEFAULT_MAX_RESULT_ROWS, (rule) -> true);

	private final int maxStatements;

	private final int minUnbatchedInserts;

	private final int minAutoCommitWrites;

	private final int maxResultRows;

	private final Predicate<Rule> enabled;

	private final boolean chatty;

	private final boolean unbatched;

	/**
	 * Create the rules.
	 * @param maxStatements the most statements of one unit not reported
	 * @param minUnbatchedInserts the fewest executions of one insert outside a batch that
	 * are reported
	 * @param enabled which rules to apply
	 */
	public RuntimeRules(int maxStatements, int minUnbatchedInserts, Predicate<Rule> enabled) {
		this(maxStatements, minUnbatchedInserts, DEFAULT_MIN_AUTO_COMMIT_WRITES, DEFAULT_MAX_RESULT_ROWS, enabled);
	}

	/**
	 * Create the rules.
	 * @param maxStatements the most statements of one unit not reported
	 * @param minUnbatchedInserts the fewest executions of one insert outside a batch that
	 * are reported
	 * @param minAutoCommitWrites the fewest writes of one unit, each committed on its
	 * own, that are reported
	 * @param maxResultRows the most rows of one query result not reported
	 * @param enabled which rules to apply
	 */
	public RuntimeRules(int maxStatements, int minUnbatchedInserts, int minAutoCommitWrites, int maxResultRows,
			Predicate<Rule> enabled) {
		this.maxStatements = maxStatements;
		this.minUnbatchedInserts = minUnbatchedInserts;
		this.minAutoCommitWrites = minAutoCommitWrites;
		this.maxResultRows = enabled.test(Rules.RUNTIME_LARGE_RESULT) ? maxResultRows : 0;
		this.enabled = enabled;
		this.chatty = enabled.test(Rules.RUNTIME_CHATTY_UNIT);
		this.unbatched = enabled.test(Rules.RUNTIME_UNBATCHED_INSERTS);
	}

	/**
	 * Apply the rules that read the unit's counts; a unit that ran at startup (seeding,
	 * warm-up) is left out, as the sql rules leave startup statements out.
	 * @param unit the closed unit
	 * @return the findings, each counted once
	 */
	List<Finding> evaluate(UnitOfWork unit) {
		if (unit.ranAtStartup()) {
			return List.of();
		}
		List<Finding> findings = null;
		if (this.chatty && unit.statements() > this.maxStatements) {
			findings = new ArrayList<>(2);
			findings.add(Rules.RUNTIME_CHATTY_UNIT.finding(
					unit.name() + " ran " + unit.statements() + " statements, more than " + this.maxStatements,
					Where.nowhere().withUnitOfWork(unit.name())));
		}
		if (unit.connectionsWithoutStatement() > 0 && this.enabled.test(Rules.RUNTIME_CONNECTION_WITHOUT_STATEMENT)) {
			findings = (findings != null) ? findings : new ArrayList<>(2);
			int connections = unit.connectionsWithoutStatement();
			findings.add(Rules.RUNTIME_CONNECTION_WITHOUT_STATEMENT.finding(
					unit.name() + " borrowed " + connections + ((connections == 1) ? " connection" : " connections")
							+ " and gave " + ((connections == 1) ? "it" : "them") + " back without running a statement",
					Where.nowhere().withUnitOfWork(unit.name())));
		}
		Fingerprint afterHandler = unit.firstAfterHandler();
		if (afterHandler != null && this.enabled.test(Rules.RUNTIME_QUERY_AFTER_RESPONSE)) {
			findings = (findings != null) ? findings : new ArrayList<>(2);
			findings.add(Rules.RUNTIME_QUERY_AFTER_RESPONSE.finding(
					unit.statementsAfterHandler() + " statements ran in " + unit.name()
							+ " after the handler returned, while the response was written",
					where(afterHandler.id(), afterHandler.sql(), unit.firstAfterHandlerSite(), unit.name())));
		}
		if (this.unbatched) {
			for (UnitOfWork.Writes insert : unit.unbatchedInserts()) {
				if (insert.count() >= this.minUnbatchedInserts) {
					findings = (findings != null) ? findings : new ArrayList<>(2);
					findings.add(Rules.RUNTIME_UNBATCHED_INSERTS.finding(
							"The same insert ran " + insert.count() + " times outside a JDBC batch in " + unit.name(),
							where(insert.fingerprint().id(), insert.fingerprint().sql(), insert.site(), unit.name())));
				}
			}
		}
		Fingerprint autoCommitWrite = unit.firstAutoCommitWrite();
		if (autoCommitWrite != null && unit.autoCommitWrites() >= this.minAutoCommitWrites
				&& this.enabled.test(Rules.RUNTIME_AUTOCOMMIT_WRITES)) {
			findings = (findings != null) ? findings : new ArrayList<>(2);
			findings.add(Rules.RUNTIME_AUTOCOMMIT_WRITES.finding(
					unit.autoCommitWrites() + " writes in " + unit.name()
							+ " each committed on its own (auto-commit), not in one transaction",
					where(autoCommitWrite.id(), autoCommitWrite.sql(), unit.autoCommitWriteSite(), unit.name())));
		}
		Fingerprint page = unit.inMemoryPage();
		if (page != null && this.enabled.test(Rules.RUNTIME_IN_MEMORY_PAGINATION)) {
			findings = (findings != null) ? findings : new ArrayList<>(2);
			findings.add(Rules.RUNTIME_IN_MEMORY_PAGINATION.finding(unit.inMemoryPageMethod()
					+ " was called with a page or limit, but its select fetched a join without LIMIT: the page was cut"
					+ " in memory after reading every row",
					where(page.id(), page.sql(), unit.inMemoryPageMethod(), unit.name())));
		}
		String largeSql = unit.largestResultSql();
		if (largeSql != null && this.maxResultRows > 0) {
			findings = (findings != null) ? findings : new ArrayList<>(2);
			Fingerprint large = unit.largestResult();
			Where where = (large != null) ? where(large.id(), large.sql(), unit.largestResultSite(), unit.name())
					: Where.nowhere().withCallSite(unit.largestResultSite()).withUnitOfWork(unit.name());
			findings.add(Rules.RUNTIME_LARGE_RESULT.finding("A select in " + unit.name() + " returned "
					+ unit.largestResultRows() + " rows, more than " + this.maxResultRows, where));
		}
		return (findings != null) ? findings : List.of();
	}

	/**
	 * Return the most rows of one query result not reported.
	 * @return the threshold, 0 when the rule is disabled and rows are not counted
	 */
	int maxResultRows() {
		return this.maxResultRows;
	}

	/**
	 * Return an N+1 or duplicate-query incident as a finding.
	 * @param incident the incident
	 * @return the finding, or {@code null} when its rule is disabled
	 */
	@org.jspecify.annotations.Nullable
	Finding finding(Incident incident) {
		Rule rule = (incident.kind() == IncidentKind.N_PLUS_ONE) ? Rules.RUNTIME_N_PLUS_ONE
				: Rules.RUNTIME_DUPLICATE_QUERY;
		if (!this.enabled.test(rule)) {
			return null;
		}
		String message = ((incident.kind() == IncidentKind.N_PLUS_ONE) ? "N+1 queries" : "Duplicate queries") + " in "
				+ incident.unitOfWork() + ": "
				+ ((incident.association() != null) ? incident.association() + " (" + incident.fetchType() + ") " : "")
				+ "loaded " + incident.repeats() + " times";
		return rule.finding(message, incident.suggestion(),
				where(incident.fingerprint(), incident.sql(), incident.callSite(), incident.unitOfWork()));
	}

	/**
	 * Tell whether a rule is enabled.
	 * @param rule the rule
	 * @return whether it is applied
	 */
	boolean isEnabled(Rule rule) {
		return this.enabled.test(rule);
	}

	static Where where(String fingerprint, String sql, @org.jspecify.annotations.Nullable String callSite,
			String unitOfWork) {
		return Where.statement(fingerprint, SqlText.cut(sql, SqlText.DEFAULT_MAX_LENGTH))
			.withCallSite(callSite)
			.withUnitOfWork(unitOfWork);
	}

}
