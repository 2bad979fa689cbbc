package io.github.dbperf.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.dbperf.sql.Fingerprint;
import io.github.dbperf.sql.Operation;
import io.github.dbperf.sql.SqlText;
import org.HdrHistogram.IntCountsHistogram;
import org.jspecify.annotations.Nullable;

/**
 * Running statistics of one fingerprint. Updated under its own lock, so counts are exact
 * under concurrency while different fingerprints never contend.
 *
 * @author dbperf
 * @since 0.1.0
 */
final class QueryStats {

	private static final int MAX_CALL_SITES = 8;

	private static final int MAX_REPOSITORY_METHODS = 8;

	private static final int ALWAYS_SAMPLED_CALLS = 16;

	private static final int SAMPLE_EVERY = 1024;

	private final Fingerprint fingerprint;

	private final String dataSource;

	// Microseconds, 1 significant digit (about 5% resolution) keeps each histogram small
	private final IntCountsHistogram histogram = new IntCountsHistogram(1);

	private final Map<String, long[]> callSites = new LinkedHashMap<>();

	private final Set<String> repositoryMethods = new LinkedHashSet<>();

	private final long firstSeen = System.currentTimeMillis();

	private long lastSeen;

	private long calls;

	private long errors;

	private long slowCalls;

	private long startupCalls;

	private long rows;

	private long totalNanos;

	private long minNanos = Long.MAX_VALUE;

	private long maxNanos;

	private double mean;

	private double m2;

	private double usage;

	private @Nullable Sample slowest;

	QueryStats(Fingerprint fingerprint, String dataSource, int maxSqlLength) {
		String sql = SqlText.cut(fingerprint.sql(), maxSqlLength);
		// Keep a copy with the cut text: the full text may be tens of kilobytes
		this.fingerprint = (sql != fingerprint.sql()) ? new Fingerprint(fingerprint.id(), sql, fingerprint.operation(),
				fingerprint.tables(), fingerprint.writtenTables(), fingerprint.batchFetch()) : fingerprint;
		this.dataSource = dataSource;
		this.histogram.setAutoResize(true);
	}

	/**
	 * Tell whether the next call should resolve its call site, which walks the stack:
	 * always for the first calls, then one call in {@value #SAMPLE_EVERY}.
	 */
	boolean wantsCallSite() {
		long current = this.calls;
		return current < ALWAYS_SAMPLED_CALLS || current % SAMPLE_EVERY == 0;
	}

	synchronized void record(long nanos, boolean success, long rowCount, boolean slow, boolean startup,
			@Nullable String callSite, @Nullable String repositoryMethod, @Nullable String creditedTo,
			@Nullable String unitOfWork, @Nullable String parameters) {
		this.calls++;
		if (startup) {
			this.startupCalls++;
		}
		this.usage += 1.0;
		this.lastSeen = System.currentTimeMillis();
		if (!success) {
			this.errors++;
		}
		if (slow) {
			this.slowCalls++;
		}
		if (rowCount > 0) {
			this.rows += rowCount;
		}
		this.totalNanos += nanos;
		this.minNanos = Math.min(this.minNanos, nanos);
		this.maxNanos = Math.max(this.maxNanos, nanos);
		double delta = nanos - this.mean;
		this.mean += delta / this.calls;
		this.m2 += delta * (nanos - this.mean);
		this.histogram.recordValue(Math.max(1, TimeUnit.NANOSECONDS.toMicros(nanos)));
		if (callSite != null) {
			long[] count = this.callSites.get(callSite);
			if (count != null) {
				count[0]++;
			}
			else if (this.callSites.size() < MAX_CALL_SITES) {
				this.callSites.put(callSite, new long[] { 1 });
			}
		}
		if (creditedTo != null && this.repositoryMethods.size() < MAX_REPOSITORY_METHODS) {
			this.repositoryMethods.add(creditedTo);
		}
		if (this.slowest == null || nanos > this.slowest.nanos) {
			this.slowest = new Sample(this.lastSeen, nanos, callSite, repositoryMethod, unitOfWork, parameters);
		}
	}

	/**
	 * Tell whether every execution so far ran while the application started.
	 */
	synchronized boolean startupOnly() {
		return this.calls > 0 && this.startupCalls == this.calls;
	}

	synchronized double usage() {
		return this.usage;
	}

	synchronized void decayUsage(double factor) {
		this.usage *= factor;
	}

	synchronized QueryEntry snapshot() {
		String sql = this.fingerprint.sql();
		double stddev = (this.calls > 1) ? Math.sqrt(this.m2 / this.calls) : 0;
		List<QueryEntry.CallSite> sites = new ArrayList<>();
		this.callSites.forEach((site, count) -> sites.add(new QueryEntry.CallSite(site, count[0])));
		sites.sort((a, b) -> Long.compare(b.samples(), a.samples()));
		Sample sample = this.slowest;
		QueryEntry.SlowestSample slowestSample = (sample != null)
				? new QueryEntry.SlowestSample(Instant.ofEpochMilli(sample.at), millis(sample.nanos), sample.callSite,
						sample.repositoryMethod, sample.unitOfWork, sample.parameters)
				: null;
		return new QueryEntry(this.fingerprint.id(), sql, this.fingerprint.operation().tagValue(), this.dataSource,
				this.calls, this.errors, millis(this.totalNanos), (this.calls > 0) ? millis(this.minNanos) : 0,
				millis(this.maxNanos), millis((long) this.mean), millis((long) stddev), percentile(50), percentile(95),
				percentile(99), (this.fingerprint.operation() == Operation.SELECT) ? null : this.rows, this.slowCalls,
				Instant.ofEpochMilli(this.firstSeen), Instant.ofEpochMilli(this.lastSeen), sites,
				List.copyOf(this.repositoryMethods), slowestSample);
	}

	private double percentile(double percentile) {
		if (this.histogram.getTotalCount() == 0) {
			return 0;
		}
		return round(this.histogram.getValueAtPercentile(percentile) / 1000.0);
	}

	private static double millis(long nanos) {
		return round(nanos / 1_000_000.0);
	}

	private static double round(double millis) {
		return Math.round(millis * 1000.0) / 1000.0;
	}

	Fingerprint fingerprint() {
		return this.fingerprint;
	}

	private record Sample(long at, long nanos, @Nullable String callSite, @Nullable String repositoryMethod,
			@Nullable String unitOfWork, @Nullable String parameters) {
	}

}
