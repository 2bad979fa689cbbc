package io.github.dbperf.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.PatternMatchUtils;

/**
 * The user's say over the catalogue: rules turned off, severities changed, and findings
 * ignored by rule id plus a pattern on where they fired.
 *
 * @author dbperf
 * @since 0.2.0
 */
public final class RuleSettings {

	private static final RuleSettings DEFAULTS = new RuleSettings(Map.of(), Map.of(), List.of());

	private static final Comparator<Finding> MOST_SEVERE_FIRST = Comparator.comparing(Finding::severity)
		.thenComparing(Comparator.comparingLong(Finding::count).reversed())
		.thenComparing(Finding::rule);

	private final Map<String, Boolean> enabled;

	private final Map<String, Severity> severities;

	private final List<Ignore> ignores;

	/**
	 * Create settings.
	 * @param enabled whether a rule runs, by id (absent: runs)
	 * @param severities severities replacing the defaults, by id
	 * @param ignores findings to drop
	 */
	public RuleSettings(Map<String, Boolean> enabled, Map<String, Severity> severities, List<Ignore> ignores) {
		this.enabled = Map.copyOf(enabled);
		this.severities = Map.copyOf(severities);
		this.ignores = List.copyOf(ignores);
	}

	/**
	 * Settings that change nothing.
	 * @return the default settings
	 */
	public static RuleSettings defaults() {
		return DEFAULTS;
	}

	/**
	 * Whether a rule runs at all; producers check this before spending anything.
	 * @param rule the rule
	 * @return {@code false} when the user turned it off
	 */
	public boolean isEnabled(Rule rule) {
		return this.enabled.getOrDefault(rule.id(), Boolean.TRUE);
	}

	/**
	 * Return the severity a rule reports at.
	 * @param rule the rule
	 * @return the user's severity or the rule's default
	 */
	public Severity severity(Rule rule) {
		return this.severities.getOrDefault(rule.id(), rule.severity());
	}

	/**
	 * Apply the settings to one finding.
	 * @param finding the finding as reported
	 * @return the finding at the user's severity, or {@code null} when its rule is off or
	 * it is ignored
	 */
	public @Nullable Finding apply(Finding finding) {
		if (!this.enabled.getOrDefault(finding.rule(), Boolean.TRUE)) {
			return null;
		}
		for (Ignore ignore : this.ignores) {
			if (ignore.matches(finding)) {
				return null;
			}
		}
		Severity severity = this.severities.get(finding.rule());
		return (severity != null) ? finding.withSeverity(severity) : finding;
	}

	/**
	 * Apply the settings to findings and sort them.
	 * @param findings the findings as reported
	 * @return the findings kept, most severe first, then most frequent
	 */
	public List<Finding> apply(List<Finding> findings) {
		List<Finding> kept = new ArrayList<>(findings.size());
		for (Finding finding : findings) {
			Finding applied = apply(finding);
			if (applied != null) {
				kept.add(applied);
			}
		}
		kept.sort(MOST_SEVERE_FIRST);
		return kept;
	}

	/**
	 * Findings to drop: a rule id plus a pattern on where they fired.
	 *
	 * @param rule the rule id, or {@code *} for every rule
	 * @param where a pattern with {@code *} wildcards matched against the entity and
	 * field ({@code Owner.pets}), the fingerprint id, the call site, the table, the
	 * setting, the unit of work or the DataSource; {@code *} for everywhere
	 */
	public record Ignore(String rule, String where) {

		boolean matches(Finding finding) {
			if (!this.rule.equals("*") && !this.rule.equals(finding.rule())) {
				return false;
			}
			if (this.where.equals("*")) {
				return true;
			}
			for (String candidate : finding.where().matchables()) {
				if (PatternMatchUtils.simpleMatch(this.where, candidate)) {
					return true;
				}
			}
			return false;
		}

	}

}
