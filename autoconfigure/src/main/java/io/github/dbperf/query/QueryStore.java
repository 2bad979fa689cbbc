package io.github.dbperf.query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.github.dbperf.context.ApplicationFrames;
import io.github.dbperf.jdbc.StatementEvent;
import io.github.dbperf.jdbc.StatementListener;
import io.github.dbperf.sql.SqlText;
import org.jspecify.annotations.Nullable;

/**
 * Statistics per fingerprint, in the manner of pg_stat_statements: at most a fixed number
 * of fingerprints, the least-used 5% evicted when full (usage decays by 0.99 per eviction
 * round), evictions counted. Each keeps its normalized SQL cut at a bounded length, so
 * the store's heap is bounded by the number of fingerprints times that length.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class QueryStore implements StatementListener {

	private static final double EVICTED_SHARE = 0.05;

	private static final double USAGE_DECAY = 0.99;

	private final int maxFingerprints;

	private final long slowThresholdNanos;

	private final int maxSqlLength;

	private final ApplicationFrames applicationFrames;

	private final Map<String, QueryStats> stats = new ConcurrentHashMap<>();

	private final AtomicLong evictions = new AtomicLong();

	private final Object evictionLock = new Object();

	/**
	 * Create a new store.
	 * @param maxFingerprints the most fingerprints kept
	 * @param slowThreshold statements at least this slow count as slow calls
	 * @param maxSqlLength the most characters of normalized SQL kept per fingerprint;
	 * longer text is cut with {@link SqlText#CUT_MARKER}
	 * @param applicationFrames resolves application call sites
	 */
	public QueryStore(int maxFingerprints, Duration slowThreshold, int maxSqlLength,
			ApplicationFrames applicationFrames) {
		this.maxFingerprints = maxFingerprints;
		this.slowThresholdNanos = slowThreshold.toNanos();
		this.maxSqlLength = maxSqlLength;
		this.applicationFrames = applicationFrames;
	}

	@Override
	public void onStatement(StatementEvent event) {
		QueryStats queryStats = this.stats.get(event.fingerprint().id());
		if (queryStats == null) {
			queryStats = add(event);
		}
		queryStats.seen(event.fingerprint(), event.sql());
		boolean slow = event.elapsedNanos() >= this.slowThresholdNanos;
		String callSite = (slow || queryStats.wantsCallSite(event.endNanoTime())) ? this.applicationFrames.callerFrame()
				: null;
		queryStats.record(event.elapsedNanos(), event.endNanoTime(), event.success(), event.rows(), slow,
				event.startup(), callSite, event.repositoryMethod(), event.creditedTo(), event.unitOfWork(),
				event.parameters());
	}

	private QueryStats add(StatementEvent event) {
		if (this.stats.size() >= this.maxFingerprints) {
			evict();
		}
		return this.stats.computeIfAbsent(event.fingerprint().id(),
				(id) -> new QueryStats(event.fingerprint(), event.dataSource(), this.maxSqlLength));
	}

	private void evict() {
		synchronized (this.evictionLock) {
			if (this.stats.size() < this.maxFingerprints) {
				return;
			}
			// Sort a snapshot: other threads keep adding to usage while this runs
			List<Usage> entries = new ArrayList<>(this.stats.size());
			this.stats.forEach((id, queryStats) -> entries.add(new Usage(id, queryStats, queryStats.usage())));
			entries.sort(Comparator.comparingDouble(Usage::usage));
			int toEvict = Math.max(1, (int) (entries.size() * EVICTED_SHARE));
			for (int i = 0; i < toEvict; i++) {
				this.stats.remove(entries.get(i).id());
			}
			for (int i = toEvict; i < entries.size(); i++) {
				entries.get(i).stats().decayUsage(USAGE_DECAY);
			}
			this.evictions.incrementAndGet();
		}
	}

	/**
	 * Return snapshots of every fingerprint, sorted.
	 * @param sort the order
	 * @param limit the most entries to return
	 * @return the entries
	 */
	public List<QueryEntry> entries(QuerySort sort, int limit) {
		return entries(sort, limit, StartupFilter.INCLUDE);
	}

	/**
	 * Return snapshots of the fingerprints a startup filter accepts, sorted.
	 * @param sort the order
	 * @param limit the most entries to return
	 * @param startup which fingerprints to show by whether they ran only at startup
	 * @return the entries
	 */
	public List<QueryEntry> entries(QuerySort sort, int limit, StartupFilter startup) {
		List<QueryEntry> entries = new ArrayList<>();
		for (QueryStats queryStats : this.stats.values()) {
			if (startup.accepts(queryStats.startupOnly())) {
				entries.add(queryStats.snapshot());
			}
		}
		entries.sort(sort.comparator());
		return (entries.size() > limit) ? List.copyOf(entries.subList(0, limit)) : entries;
	}

	/**
	 * Return the statistics of every fingerprint that ran after startup and breaks a
	 * {@code sql} rule.
	 * @return the statistics, in no order
	 */
	List<QueryStats> breakingRules() {
		List<QueryStats> breaking = new ArrayList<>();
		for (QueryStats queryStats : this.stats.values()) {
			if (!queryStats.rules().isEmpty() && !queryStats.startupOnly()) {
				breaking.add(queryStats);
			}
		}
		return breaking;
	}

	/**
	 * Return one fingerprint's snapshot.
	 * @param id the fingerprint id
	 * @return the entry, or {@code null} if not tracked
	 */
	public @Nullable QueryEntry entry(String id) {
		QueryStats queryStats = this.stats.get(id);
		return (queryStats != null) ? queryStats.snapshot() : null;
	}

	/**
	 * Return one fingerprint's snapshot with its latency histogram, computed now.
	 * @param id the fingerprint id
	 * @return the entry, or {@code null} if not tracked
	 */
	public @Nullable QueryEntry detail(String id) {
		QueryStats queryStats = this.stats.get(id);
		return (queryStats != null) ? queryStats.snapshot().withHistogram(queryStats.buckets()) : null;
	}

	/**
	 * Visit the live statistics of every fingerprint, for readers in this package that
	 * need a few counters of all of them without a full snapshot each.
	 * @param action what to do with each
	 */
	void forEachStats(Consumer<QueryStats> action) {
		this.stats.values().forEach(action);
	}

	/**
	 * Forget every fingerprint and the eviction count.
	 */
	public void reset() {
		this.stats.clear();
		this.evictions.set(0);
	}

	/**
	 * Return how many fingerprints are tracked.
	 * @return the count
	 */
	public int size() {
		return this.stats.size();
	}

	/**
	 * Return how many eviction rounds ran since start or reset.
	 * @return the count
	 */
	public long evictions() {
		return this.evictions.get();
	}

	/**
	 * Return the slow threshold.
	 * @return the threshold
	 */
	public Duration slowThreshold() {
		return Duration.ofNanos(this.slowThresholdNanos);
	}

	/**
	 * Return the most fingerprints kept.
	 * @return the limit
	 */
	public int maxFingerprints() {
		return this.maxFingerprints;
	}

	/**
	 * A fingerprint's usage when eviction started.
	 */
	private record Usage(String id, QueryStats stats, double usage) {

	}

}
