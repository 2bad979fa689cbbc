package io.github.dbperf.actuate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.dbperf.advisor.DataAccessReport;
import io.github.dbperf.advisor.PoolReport;
import io.github.dbperf.context.DbperfFailures;
import io.github.dbperf.pool.PoolHistory;
import io.github.dbperf.rules.Finding;
import io.github.dbperf.rules.FindingSource;
import io.github.dbperf.rules.Rule;
import io.github.dbperf.rules.RuleSettings;
import io.github.dbperf.rules.Rules;
import io.github.dbperf.rules.Severity;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@link Endpoint @Endpoint} that shows each DataSource's effective pool settings with
 * their sources, the live pool state, who held connections when callers starved, the
 * findings of every {@link FindingSource} after the user's {@link RuleSettings}, and the
 * rule catalogue. Secrets in settings and in the database error are masked by a
 * {@link DbperfSanitizer} unless {@link Show} allows unsanitized values; as for Spring
 * Boot's {@code env} endpoint, {@link Show#WHEN_AUTHORIZED} shows them here, outside the
 * web, and {@link DbperfEndpointWebExtension} decides for web requests.
 *
 * @author dbperf
 * @since 0.1.0
 */
@Endpoint(id = "dbperf")
public class DbperfEndpoint {

	private final DataAccessReport report;

	private final ObjectProvider<FindingSource> sources;

	private final RuleSettings settings;

	private final DbperfSanitizer sanitizer;

	private final Show showValues;

	private final @Nullable PoolHistory history;

	/**
	 * Create a new endpoint.
	 * @param report the advisor's report
	 * @param sources every source of findings, in order
	 * @param settings the user's rule settings
	 * @param sanitizer masks secrets
	 * @param showValues when to show unsanitized values
	 * @param history the pools' recent states, or {@code null} when not sampled
	 */
	public DbperfEndpoint(DataAccessReport report, ObjectProvider<FindingSource> sources, RuleSettings settings,
			DbperfSanitizer sanitizer, Show showValues, @Nullable PoolHistory history) {
		this.report = report;
		this.sources = sources;
		this.settings = settings;
		this.sanitizer = sanitizer;
		this.showValues = showValues;
		this.history = history;
	}

	@ReadOperation
	public DbperfDescriptor dbperf() {
		return dbperf(this.showValues.isShown(true));
	}

	DbperfDescriptor dbperf(boolean showUnsanitized) {
		List<PoolReport> pools = this.report.pools()
			.stream()
			.map((pool) -> this.sanitizer.sanitize(pool, showUnsanitized))
			.toList();
		List<RuleDescriptor> rules = Rules.all().stream().map(this::describe).toList();
		Map<String, PoolHistory.Series> history = (this.history != null) ? this.history.series() : Map.of();
		return new DbperfDescriptor(pools, findings(), rules, history);
	}

	private List<Finding> findings() {
		List<Finding> findings = new ArrayList<>();
		this.sources.orderedStream().forEach((source) -> {
			try {
				findings.addAll(source.findings());
			}
			catch (RuntimeException ex) {
				DbperfFailures.swallow("the findings of " + source.getClass().getName(), ex);
			}
		});
		return this.settings.apply(findings);
	}

	private RuleDescriptor describe(Rule rule) {
		return new RuleDescriptor(rule.id(), rule.category().id(), this.settings.severity(rule),
				this.settings.isEnabled(rule), rule.title(), rule.fix(), rule.docs());
	}

	/**
	 * The endpoint's response.
	 *
	 * @param pools one entry per DataSource
	 * @param findings what will hurt, after the user's settings, most severe first
	 * @param rules the catalogue, after the user's settings
	 * @param history each pool's recent active, idle and pending counts, by DataSource
	 * bean name; empty when pool history is off
	 */
	public record DbperfDescriptor(List<PoolReport> pools, List<Finding> findings, List<RuleDescriptor> rules,
			Map<String, PoolHistory.Series> history) implements OperationResponseBody {

	}

	/**
	 * One rule of the catalogue as the user's settings leave it.
	 *
	 * @param id the rule's id
	 * @param category where and when it runs
	 * @param severity its severity after the user's settings
	 * @param enabled whether it runs
	 * @param title what is wrong, in one line
	 * @param fix how to fix it, in one line
	 * @param docs where it is documented
	 */
	public record RuleDescriptor(String id, String category, Severity severity, boolean enabled, String title,
			String fix, String docs) {

	}

}
