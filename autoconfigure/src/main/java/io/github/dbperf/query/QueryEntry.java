package io.github.dbperf.query;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of one fingerprint's statistics. Times are in milliseconds. The same record
 * is shown in a list and on its own, with every field present in JSON, {@code null} ones
 * too, whichever mapper writes it.
 *
 * @param id the fingerprint id
 * @param sql the normalized SQL, truncated
 * @param operation select, insert, update, delete or other
 * @param dataSource the DataSource bean name
 * @param calls executions
 * @param errors executions that threw
 * @param totalMs total time
 * @param minMs fastest execution
 * @param maxMs slowest execution
 * @param meanMs mean time
 * @param stddevMs standard deviation
 * @param p50Ms median
 * @param p95Ms 95th percentile
 * @param p99Ms 99th percentile
 * @param rows rows the driver reported as affected, {@code null} for selects, whose
 * result rows are not counted
 * @param slowCalls executions at or above the slow threshold
 * @param firstSeen first execution
 * @param lastSeen last execution
 * @param callSites the application call sites seen (sampled), most frequent first
 * @param repositoryMethods what issued it, at most 8: the repository methods that ran it
 * and, for executions with no repository method on the stack (such as writes JPA flushes
 * at commit), the unit of work they ran in, such as {@code tx CategoryService.create} or
 * {@code startup}
 * @param slowestSample the slowest execution
 * @author dbperf
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record QueryEntry(String id, String sql, String operation, String dataSource, long calls, long errors,
		double totalMs, double minMs, double maxMs, double meanMs, double stddevMs, double p50Ms, double p95Ms,
		double p99Ms, @Nullable Long rows, long slowCalls, Instant firstSeen, Instant lastSeen,
		List<CallSite> callSites, List<String> repositoryMethods, @Nullable SlowestSample slowestSample) {

	/**
	 * An application call site and how many sampled executions came from it.
	 *
	 * @param frame the first application frame
	 * @param samples sampled executions from it
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record CallSite(String frame, long samples) {

	}

	/**
	 * The slowest execution seen.
	 *
	 * @param at when it ended
	 * @param durationMs how long it took
	 * @param callSite the application call site
	 * @param repositoryMethod the repository method
	 * @param unitOfWork the unit of work (such as {@code GET /posts})
	 * @param parameters the bind parameters, only with parameter capture on
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record SlowestSample(Instant at, double durationMs, @Nullable String callSite,
			@Nullable String repositoryMethod, @Nullable String unitOfWork, @Nullable String parameters) {

	}

}
