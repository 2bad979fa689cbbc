package io.github.dbperf.actuate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.github.dbperf.advisor.DataAccessReport;
import io.github.dbperf.advisor.Finding;
import io.github.dbperf.advisor.PoolReport;
import io.github.dbperf.advisor.Severity;
import io.github.dbperf.rules.FindingSource;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@link Endpoint @Endpoint} that shows each DataSource's effective pool settings with
 * their sources, the live pool state, who held connections when callers starved, and the
 * advisor's findings. Secrets in settings and in the database error are masked by a
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

	private final DbperfSanitizer sanitizer;

	private final Show showValues;

	private final List<FindingSource> sources;

	/**
	 * Create a new endpoint.
	 * @param report the advisor's report
	 * @param sanitizer masks secrets
	 * @param showValues when to show unsanitized values
	 */
	public DbperfEndpoint(DataAccessReport report, DbperfSanitizer sanitizer, Show showValues) {
		this(report, sanitizer, showValues, List.of());
	}

	/**
	 * Create a new endpoint that also shows the findings of other sources.
	 * @param report the advisor's report
	 * @param sanitizer masks secrets
	 * @param showValues when to show unsanitized values
	 * @param sources further findings, such as the catalog checks
	 */
	public DbperfEndpoint(DataAccessReport report, DbperfSanitizer sanitizer, Show showValues,
			List<FindingSource> sources) {
		this.report = report;
		this.sanitizer = sanitizer;
		this.showValues = showValues;
		this.sources = List.copyOf(sources);
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
		return new DbperfDescriptor(pools, findings());
	}

	// Until the advisor's findings are the rule catalogue's, other sources' are shown in
	// the advisor's shape
	private List<Finding> findings() {
		if (this.sources.isEmpty()) {
			return this.report.findings();
		}
		List<Finding> findings = new ArrayList<>(this.report.findings());
		for (FindingSource source : this.sources) {
			for (io.github.dbperf.rules.Finding finding : source.findings()) {
				String table = finding.where().table();
				List<String> columns = finding.where().columns();
				String where = (table == null) ? ""
						: columns.isEmpty() ? table : table + " (" + String.join(", ", columns) + ")";
				findings.add(new Finding(Severity.valueOf(finding.severity().name()),
						"[" + finding.rule() + "] " + finding.message(), where, finding.fix()));
			}
		}
		findings.sort(Comparator.comparing(Finding::severity));
		return findings;
	}

	/**
	 * The endpoint's response.
	 *
	 * @param pools one entry per DataSource
	 * @param findings what will hurt, most severe first
	 */
	public record DbperfDescriptor(List<PoolReport> pools, List<Finding> findings) implements OperationResponseBody {

	}

}
