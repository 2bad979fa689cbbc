package io.github.dbperf.test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.dbperf.jdbc.StatementEvent;
import io.github.dbperf.nplusone.Incident;
import io.github.dbperf.nplusone.IncidentKind;
import io.github.dbperf.rules.Finding;
import io.github.dbperf.rules.Rules;
import io.github.dbperf.rules.Severity;
import io.github.dbperf.rules.Where;
import io.github.dbperf.sql.Operation;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on a {@link QueryRecorder}. Failure messages list the recorded
 * statements as normalized SQL with counts (never bind values) and, for N+1 queries, the
 * repeated statement, the association, the call site and the fix.
 *
 * @author dbperf
 * @since 0.1.0
 */
public class QueryRecorderAssert extends AbstractAssert<QueryRecorderAssert, QueryRecorder> {

	/**
	 * Create a new assertion.
	 * @param actual the recorder
	 */
	public QueryRecorderAssert(QueryRecorder actual) {
		super(actual, QueryRecorderAssert.class);
	}

	/**
	 * Verify the number of selects.
	 * @param expected the count
	 * @return this
	 */
	public QueryRecorderAssert hasSelectCount(int expected) {
		return hasCount(Operation.SELECT, expected);
	}

	/**
	 * Verify the number of inserts.
	 * @param expected the count
	 * @return this
	 */
	public QueryRecorderAssert hasInsertCount(int expected) {
		return hasCount(Operation.INSERT, expected);
	}

	/**
	 * Verify the number of updates.
	 * @param expected the count
	 * @return this
	 */
	public QueryRecorderAssert hasUpdateCount(int expected) {
		return hasCount(Operation.UPDATE, expected);
	}

	/**
	 * Verify the number of deletes.
	 * @param expected the count
	 * @return this
	 */
	public QueryRecorderAssert hasDeleteCount(int expected) {
		return hasCount(Operation.DELETE, expected);
	}

	/**
	 * Verify the number of statements of any kind.
	 * @param expected the count
	 * @return this
	 */
	public QueryRecorderAssert hasStatementCount(int expected) {
		isNotNull();
		if (this.actual.total() != expected) {
			failWithMessage("Expected %d statements but %d ran:%n%s", expected, this.actual.total(),
					describe(this.actual.statements()));
		}
		return this;
	}

	/**
	 * Verify that at most a number of statements ran.
	 * @param maximum the most allowed
	 * @return this
	 */
	public QueryRecorderAssert hasAtMostStatements(int maximum) {
		isNotNull();
		if (this.actual.total() > maximum) {
			failWithMessage("Expected at most %d statements but %d ran:%n%s", maximum, this.actual.total(),
					describe(this.actual.statements()));
		}
		return this;
	}

	/**
	 * Verify that no N+1 queries ran.
	 * @return this
	 */
	public QueryRecorderAssert hasNoNPlusOne() {
		return hasNoIncidents(IncidentKind.N_PLUS_ONE, "N+1 queries");
	}

	/**
	 * Verify that no query ran twice with the same parameters.
	 * @return this
	 */
	public QueryRecorderAssert hasNoDuplicateQueries() {
		return hasNoIncidents(IncidentKind.DUPLICATE, "duplicate queries");
	}

	/**
	 * Verify that no rule of dbperf's catalogue found anything in the recorded
	 * statements.
	 * @return this
	 */
	public QueryRecorderAssert hasNoFindings() {
		isNotNull();
		List<Finding> found = this.actual.findings();
		if (!found.isEmpty()) {
			failWithMessage("Expected no findings but found:%n%s%nStatements:%n%s", describeFindings(found),
					describe(this.actual.statements()));
		}
		return this;
	}

	/**
	 * Verify that no finding at or above a severity was found in the recorded statements.
	 * @param severity the least severity that fails
	 * @return this
	 */
	public QueryRecorderAssert hasNoFindingsAtLeast(Severity severity) {
		isNotNull();
		List<Finding> found = this.actual.findings()
			.stream()
			.filter((finding) -> finding.severity().atLeast(severity))
			.toList();
		if (!found.isEmpty()) {
			failWithMessage("Expected no findings of severity %s or higher but found:%n%s%nStatements:%n%s", severity,
					describeFindings(found), describe(this.actual.statements()));
		}
		return this;
	}

	/**
	 * Verify that a rule found nothing in the recorded statements.
	 * @param rule the rule's id, such as {@code sql-leading-wildcard-like}
	 * @return this
	 */
	public QueryRecorderAssert hasNoFinding(String rule) {
		isNotNull();
		List<Finding> found = findings(rule);
		if (!found.isEmpty()) {
			failWithMessage("Expected no %s findings but found:%n%s", rule, describeFindings(found));
		}
		return this;
	}

	/**
	 * Verify that a rule found something in the recorded statements.
	 * @param rule the rule's id, such as {@code runtime-n-plus-one}
	 * @return this
	 */
	public QueryRecorderAssert hasFinding(String rule) {
		isNotNull();
		if (findings(rule).isEmpty()) {
			List<Finding> all = this.actual.findings();
			failWithMessage("Expected a %s finding but found %s%nStatements:%n%s", rule,
					all.isEmpty() ? "none" : "only:" + System.lineSeparator() + describeFindings(all),
					describe(this.actual.statements()));
		}
		return this;
	}

	private List<Finding> findings(String rule) {
		if (Rules.find(rule) == null) {
			throw new IllegalArgumentException("No rule '" + rule + "' in dbperf's catalogue");
		}
		return this.actual.findings().stream().filter((finding) -> finding.rule().equals(rule)).toList();
	}

	static String describeFindings(List<Finding> findings) {
		return findings.stream().map(QueryRecorderAssert::describe).collect(Collectors.joining("\n  ", "  ", ""));
	}

	private static String describe(Finding finding) {
		StringBuilder line = new StringBuilder(finding.toString());
		Where where = finding.where();
		if (where.sql() != null) {
			line.append(" [").append(where.sql()).append(']');
		}
		if (where.callSite() != null) {
			line.append(" at ").append(where.callSite());
		}
		if (finding.count() > 1) {
			line.append(" (").append(finding.count()).append(" times)");
		}
		return line.toString();
	}

	private QueryRecorderAssert hasNoIncidents(IncidentKind kind, String what) {
		isNotNull();
		List<Incident> found = this.actual.incidents().stream().filter((incident) -> incident.kind() == kind).toList();
		if (!found.isEmpty()) {
			String incidents = found.stream().map(Incident::describe).collect(Collectors.joining("\n  ", "  ", ""));
			failWithMessage("Expected no %s but found:%n%s%nStatements:%n%s", what, incidents,
					describe(this.actual.statements()));
		}
		return this;
	}

	private QueryRecorderAssert hasCount(Operation operation, int expected) {
		isNotNull();
		int count = this.actual.count(operation);
		if (count != expected) {
			failWithMessage("Expected %d %s statements but %d ran:%n%s", expected,
					operation.name().toLowerCase(java.util.Locale.ROOT), count, describe(this.actual.statements()));
		}
		return this;
	}

	static String describe(List<StatementEvent> statements) {
		if (statements.isEmpty()) {
			return "  (none)";
		}
		Map<String, Long> counts = statements.stream()
			.collect(Collectors.groupingBy((statement) -> statement.fingerprint().sql(), java.util.LinkedHashMap::new,
					Collectors.counting()));
		return counts.entrySet()
			.stream()
			.map((entry) -> "  " + entry.getValue() + " x " + entry.getKey())
			.collect(Collectors.joining("\n"));
	}

}
