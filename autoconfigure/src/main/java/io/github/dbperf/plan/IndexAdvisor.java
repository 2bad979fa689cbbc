package io.github.dbperf.plan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.dbperf.rules.Rule;
import io.github.dbperf.rules.RuleSettings;
import io.github.dbperf.rules.Rules;
import org.jspecify.annotations.Nullable;

/**
 * Index advice from the full scans of a plan: a filtered sequential scan of a large table
 * suggests an index on the filtered columns (equality columns first, then range, then the
 * {@code ORDER BY} of a {@code LIMIT} query), a function of a column an expression index,
 * a leading-wildcard {@code LIKE} a trigram index (PostgreSQL) or a {@code FULLTEXT}
 * index (MySQL/MariaDB).
 *
 * @author dbperf
 * @since 0.2.0
 */
final class IndexAdvisor {

	private static final int MAX_NAME = 63;

	private final long minTableRows;

	private final RuleSettings rules;

	IndexAdvisor(long minTableRows, RuleSettings rules) {
		this.minTableRows = minTableRows;
		this.rules = rules;
	}

	/**
	 * Return the advice for a plan.
	 * @param read what was read from the plan
	 * @param postgres whether the plan is PostgreSQL's (otherwise MySQL/MariaDB)
	 * @param leadingWildcard whether the statement puts a wildcard first in a
	 * {@code LIKE} pattern
	 * @return the findings, not yet verified
	 */
	List<PlanFinding> advise(PlanReader.Read read, boolean postgres, boolean leadingWildcard) {
		List<PlanFinding> findings = new ArrayList<>();
		for (PlanReader.Scan scan : read.scans()) {
			if (!scan.isFullScan() || scan.filter() == null || scan.rows() < this.minTableRows) {
				continue;
			}
			adviseOn(scan, Conditions.read(scan.filter()), sortKeys(read, scan), postgres, leadingWildcard, findings);
		}
		return findings;
	}

	private void adviseOn(PlanReader.Scan scan, List<Conditions.Comparison> comparisons, List<String> sortKeys,
			boolean postgres, boolean leadingWildcard, List<PlanFinding> findings) {
		Set<String> equality = new LinkedHashSet<>();
		Set<String> range = new LinkedHashSet<>();
		boolean expression = false;
		for (Conditions.Comparison comparison : comparisons) {
			String key = (comparison.function() != null) ? "(" + comparison.expression() + ")" : comparison.column();
			switch (comparison.kind()) {
				case EQUALITY -> equality.add(key);
				case RANGE -> range.add(key);
				case LIKE -> {
					if (leadingWildcard) {
						trigram(scan, comparison, postgres, findings);
						continue;
					}
					if (comparison.alternative()) {
						// One index per alternative of an OR, and no composite index,
						// could serve it
						continue;
					}
					range.add(key);
				}
			}
			expression |= comparison.function() != null;
		}
		List<String> columns = new ArrayList<>(equality);
		columns.addAll(range);
		if (columns.isEmpty()) {
			return;
		}
		for (String key : sortKeys) {
			if (!columns.contains(key)) {
				columns.add(key);
			}
		}
		Rule rule = expression ? Rules.PLAN_EXPRESSION_INDEX : Rules.PLAN_MISSING_INDEX;
		if (!this.rules.isEnabled(rule)) {
			return;
		}
		String name = name(scan.table(), columns, "idx");
		String ddl = (postgres ? "create index concurrently " : "create index ") + name + " on " + scan.table() + " ("
				+ String.join(", ", columns) + ")";
		String message = String.format(Locale.ROOT, "%s on %s reads about %,d rows and filters them on %s", scan.type(),
				scan.table(), scan.rows(), String.join(", ", columns));
		message += expression ? "; a function of a column can only be served by an index on that expression"
				: "; an index on these columns (equality first, then range"
						+ (sortKeys.isEmpty() ? "" : ", then the ORDER BY of the LIMIT") + ") avoids the scan";
		if (expression && !postgres) {
			message += " (MySQL 8.0.13+ functional key part; on MariaDB index a virtual generated column instead)";
		}
		findings.add(new PlanFinding(rule.id(), this.rules.severity(rule), message + ".", scan.table(),
				List.copyOf(columns), ddl, false, null, null));
	}

	private void trigram(PlanReader.Scan scan, Conditions.Comparison comparison, boolean postgres,
			List<PlanFinding> findings) {
		Rule rule = Rules.PLAN_TRIGRAM_INDEX;
		if (!this.rules.isEnabled(rule)) {
			return;
		}
		String message;
		String ddl;
		if (postgres) {
			String name = name(scan.table(), List.of(comparison.expression()), "trgm_idx");
			ddl = "create extension if not exists pg_trgm; create index concurrently " + name + " on " + scan.table()
					+ " using gin (" + comparison.expression() + " gin_trgm_ops)";
			message = String.format(Locale.ROOT,
					"%s on %s reads about %,d rows for a LIKE pattern that starts with a wildcard on %s: no B-tree "
							+ "index can serve it. A pg_trgm GIN index serves substring matches as written (suggested "
							+ "here); full-text search (to_tsvector/@@) suits whole-word search with ranking instead.",
					scan.type(), scan.table(), scan.rows(), comparison.expression());
		}
		else {
			String name = name(scan.table(), List.of(comparison.column()), "ft");
			ddl = "alter table " + scan.table() + " add fulltext index " + name + " (" + comparison.column() + ")";
			message = String.format(Locale.ROOT,
					"%s on %s reads about %,d rows for a LIKE pattern that starts with a wildcard on %s: no B-tree "
							+ "index can serve it. MySQL/MariaDB have no trigram index: use a FULLTEXT index and "
							+ "MATCH (%s) AGAINST (...) for word searches.",
					scan.type(), scan.table(), scan.rows(), comparison.column(), comparison.column());
		}
		findings.add(new PlanFinding(rule.id(), this.rules.severity(rule), message, scan.table(),
				List.of(comparison.expression()), ddl, false, null, null));
	}

	// The sort keys of a LIMIT query that belong to this scan's table, in index form
	private static List<String> sortKeys(PlanReader.Read read, PlanReader.Scan scan) {
		List<String> keys = new ArrayList<>();
		long tables = read.scans().stream().map(PlanReader.Scan::table).distinct().count();
		for (String key : read.limitSortKeys()) {
			String column = key.trim();
			int dot = column.indexOf('.');
			if (dot >= 0) {
				if (scan.alias() == null || !column.substring(0, dot).equals(scan.alias())) {
					return keys;
				}
				column = column.substring(dot + 1);
			}
			else if (tables > 1) {
				return keys;
			}
			if (!column.matches("[a-z_][a-z0-9_]*( (DESC|ASC))?( NULLS (FIRST|LAST))?")) {
				return keys;
			}
			keys.add(column.replace(" DESC", " desc")
				.replace(" ASC", "")
				.replace(" NULLS FIRST", " nulls first")
				.replace(" NULLS LAST", " nulls last"));
		}
		return keys;
	}

	static String name(String table, List<String> columns, String suffix) {
		StringBuilder name = new StringBuilder(table);
		for (String column : columns) {
			name.append('_').append(column.replaceAll(" (desc|asc).*", "").replaceAll("[^a-z0-9_]+", "_"));
		}
		String text = name.toString().replaceAll("_+", "_").replaceAll("_$", "");
		text = (text.length() > MAX_NAME - suffix.length() - 1) ? text.substring(0, MAX_NAME - suffix.length() - 1)
				: text;
		return text + "_" + suffix;
	}

	/**
	 * Return the DDL HypoPG can create for a suggestion: a plain {@code create index}
	 * with no name or {@code concurrently}, or {@code null} for what HypoPG cannot
	 * simulate (GIN).
	 * @param finding the finding
	 * @return the DDL, or {@code null}
	 */
	static @Nullable String hypothetical(PlanFinding finding) {
		if (finding.rule().equals(Rules.PLAN_TRIGRAM_INDEX.id())) {
			return null;
		}
		return "create index on " + finding.table() + " (" + String.join(", ", finding.columns()) + ")";
	}

}
