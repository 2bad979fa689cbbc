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
 * @param histogram the latency histogram in log-scale buckets, each twice as wide as the
 * one before, from the first non-empty one to the slowest execution (at most
 * {@value #MAX_BUCKETS}); computed only for one fingerprint shown on its own,
 * {@code null} in a list
 * @author dbperf
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record QueryEntry(String id, String sql, String operation, String dataSource, long calls, long errors,
		double totalMs, double minMs, double maxMs, double meanMs, double stddevMs, double p50Ms, double p95Ms,
		double p99Ms, @Nullable Long rows, long slowCalls, Instant firstSeen, Instant lastSeen,
		List<CallSite> callSites, List<String> repositoryMethods, @Nullable SlowestSample slowestSample,
		@Nullable List<Bucket> histogram) {

	/**
	 * The most buckets in a histogram: the first ends at 10 microseconds, the last at an
	 * hour, the longest time recorded.
	 */
	public static final int MAX_BUCKETS = 30;

	/**
	 * Create an entry without a histogram, as in a list.
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
	 * @param rows rows the driver reported as affected
	 * @param slowCalls executions at or above the slow threshold
	 * @param firstSeen first execution
	 * @param lastSeen last execution
	 * @param callSites the application call sites seen
	 * @param repositoryMethods what issued it
	 * @param slowestSample the slowest execution
	 */
	public QueryEntry(String id, String sql, String operation, String dataSource, long calls, long errors,
			double totalMs, double minMs, double maxMs, double meanMs, double stddevMs, double p50Ms, double p95Ms,
			double p99Ms, @Nullable Long rows, long slowCalls, Instant firstSeen, Instant lastSeen,
			List<CallSite> callSites, List<String> repositoryMethods, @Nullable SlowestSample slowestSample) {
		this(id, sql, operation, dataSource, calls, errors, totalMs, minMs, maxMs, meanMs, stddevMs, p50Ms, p95Ms,
				p99Ms, rows, slowCalls, firstSeen, lastSeen, callSites, repositoryMethods, slowestSample, null);
	}

	/**
	 * Return this entry with a histogram.
	 * @param buckets the buckets
	 * @return the entry
	 */
	QueryEntry withHistogram(List<Bucket> buckets) {
		return new QueryEntry(this.id, this.sql, this.operation, this.dataSource, this.calls, this.errors, this.totalMs,
				this.minMs, this.maxMs, this.meanMs, this.stddevMs, this.p50Ms, this.p95Ms, this.p99Ms, this.rows,
				this.slowCalls, this.firstSeen, this.lastSeen, this.callSites, this.repositoryMethods,
				this.slowestSample, buckets);
	}

	/**
	 * One bucket of the latency histogram: the executions that took more than
	 * {@code fromMs} and at most {@code toMs}, within the histogram's precision (about
	 * 5%).
	 *
	 * @param fromMs the lower bound, exclusive
	 * @param toMs the upper bound, inclusive
	 * @param count executions in it
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record Bucket(double fromMs, double toMs, long count) {

	}

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
