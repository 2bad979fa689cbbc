package io.github.dbperf.actuate;

import java.util.List;
import java.util.Map;

import io.github.dbperf.advisor.DataAccessReport;
import io.github.dbperf.advisor.Finding;
import io.github.dbperf.advisor.PoolReport;
import io.github.dbperf.pool.PoolHistory;
import org.jspecify.annotations.Nullable;

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

	private final @Nullable PoolHistory history;

	/**
	 * Create a new endpoint without pool history.
	 * @param report the advisor's report
	 * @param sanitizer masks secrets
	 * @param showValues when to show unsanitized values
	 */
	public DbperfEndpoint(DataAccessReport report, DbperfSanitizer sanitizer, Show showValues) {
		this(report, sanitizer, showValues, null);
	}

	/**
	 * Create a new endpoint.
	 * @param report the advisor's report
	 * @param sanitizer masks secrets
	 * @param showValues when to show unsanitized values
	 * @param history the pools' recent states, or {@code null} when not sampled
	 * @since 0.2.0
	 */
	public DbperfEndpoint(DataAccessReport report, DbperfSanitizer sanitizer, Show showValues,
			@Nullable PoolHistory history) {
		this.report = report;
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
		Map<String, PoolHistory.Series> history = (this.history != null) ? this.history.series() : Map.of();
		return new DbperfDescriptor(pools, this.report.findings(), history);
	}

	/**
	 * The endpoint's response.
	 *
	 * @param pools one entry per DataSource
	 * @param findings what will hurt, most severe first
	 * @param history each pool's recent active, idle and pending counts, by DataSource
	 * bean name; empty when pool history is off
	 */
	public record DbperfDescriptor(List<PoolReport> pools, List<Finding> findings,
			Map<String, PoolHistory.Series> history) implements OperationResponseBody {

	}

}
