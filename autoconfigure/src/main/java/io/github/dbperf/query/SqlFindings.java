package io.github.dbperf.query;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.github.dbperf.rules.Finding;
import io.github.dbperf.rules.FindingSource;
import io.github.dbperf.rules.Rule;
import io.github.dbperf.rules.Where;

/**
 * The {@code sql} rules' findings: one per rule and fingerprint in the query store that
 * breaks it, with the fingerprint's top call site and its calls as the count. The rules
 * were checked once, when each fingerprint was computed; this only reads the store.
 * Fingerprints that ran only at startup (schema scripts, seeding) are left out.
 *
 * @author dbperf
 * @since 0.2.0
 */
public final class SqlFindings implements FindingSource {

	private final QueryStore store;

	private final Predicate<Rule> enabled;

	/**
	 * Create a source over a query store.
	 * @param store the store
	 * @param enabled which rules to report
	 */
	public SqlFindings(QueryStore store, Predicate<Rule> enabled) {
		this.store = store;
		this.enabled = enabled;
	}

	@Override
	public List<Finding> findings() {
		List<Finding> findings = new ArrayList<>();
		for (QueryStats stats : this.store.breakingRules()) {
			QueryEntry entry = stats.snapshot();
			String callSite = entry.callSites().isEmpty() ? null : entry.callSites().get(0).frame();
			Where where = Where.statement(entry.id(), entry.sql())
				.withDataSource(entry.dataSource())
				.withCallSite(callSite);
			for (Rule rule : stats.rules()) {
				if (this.enabled.test(rule)) {
					findings.add(rule.finding(message(rule, entry), where).withCount(entry.calls()));
				}
			}
		}
		return findings;
	}

	private static String message(Rule rule, QueryEntry entry) {
		return rule.title() + " (" + entry.calls() + ((entry.calls() == 1) ? " call" : " calls") + ")";
	}

}
