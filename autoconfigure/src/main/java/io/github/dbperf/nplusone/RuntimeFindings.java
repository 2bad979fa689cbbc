package io.github.dbperf.nplusone;

import java.util.ArrayList;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.dbperf.rules.Finding;
import io.github.dbperf.rules.FindingSource;
import io.github.dbperf.rules.Rule;
import io.github.dbperf.rules.Rules;

/**
 * The {@code runtime} rules' findings over the closed units of work: N+1 and duplicate
 * queries read from the {@link IncidentStore} (the {@code nplusone} endpoint's data), the
 * other rules aggregated here by rule, unit of work and fingerprint, the count being how
 * many units fired it. Bounded: the least recently fired are dropped first.
 *
 * @author dbperf
 * @since 0.2.0
 */
public final class RuntimeFindings implements FindingSource {

	/**
	 * The default most aggregated findings kept.
	 */
	public static final int DEFAULT_MAX_FINDINGS = 1000;

	private final IncidentStore incidents;

	private final RuntimeRules rules;

	private final Cache<Key, Finding> findings;

	/**
	 * Create a source.
	 * @param incidents the incidents of the N+1 and duplicate-query rules
	 * @param rules the rules, telling which are enabled
	 * @param maxFindings the most aggregated findings kept besides the incidents
	 */
	public RuntimeFindings(IncidentStore incidents, RuntimeRules rules, int maxFindings) {
		this.incidents = incidents;
		this.rules = rules;
		this.findings = Caffeine.newBuilder().maximumSize(maxFindings).executor(Runnable::run).build();
	}

	/**
	 * Record what the rules found in one closed unit of work.
	 * @param found the findings, each counted once
	 */
	void record(List<Finding> found) {
		for (Finding finding : found) {
			Key key = new Key(finding.rule(), finding.where().unitOfWork(), finding.where().fingerprint());
			this.findings.asMap()
				.merge(key, finding, (previous, next) -> next.withCount(previous.count() + next.count()));
		}
	}

	@Override
	public List<Finding> findings() {
		List<Finding> all = new ArrayList<>();
		for (IncidentStore.Aggregate aggregate : this.incidents.incidents()) {
			Incident incident = new Incident(aggregate.kind(), aggregate.unitOfWork(), aggregate.fingerprint(),
					aggregate.sql(), aggregate.association(), aggregate.fetchType(), aggregate.callSite(),
					aggregate.maxRepeats(), aggregate.suggestion());
			Finding finding = this.rules.finding(incident);
			if (finding != null) {
				all.add(finding.withCount(aggregate.occurrences()));
			}
		}
		for (Finding finding : this.findings.asMap().values()) {
			Rule rule = Rules.find(finding.rule());
			if (rule != null && this.rules.isEnabled(rule)) {
				all.add(finding);
			}
		}
		return all;
	}

	/**
	 * Forget every finding but the incidents, which the incident store keeps.
	 */
	public void reset() {
		this.findings.invalidateAll();
	}

	private record Key(String rule, @org.jspecify.annotations.Nullable String unitOfWork,
			@org.jspecify.annotations.Nullable String fingerprint) {

	}

}
