package io.github.dbperf.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

import io.github.dbperf.rules.Rule;
import io.github.dbperf.rules.Rules;
import io.github.dbperf.sql.Fingerprint;
import io.github.dbperf.sql.Operation;
import io.github.dbperf.sql.SqlText;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.AtomicHistogram;
import org.HdrHistogram.HistogramIterationValue;
import org.jspecify.annotations.Nullable;

/**
 * Running statistics of one fingerprint, updated without locks: counters are striped
 * adders, the latency histogram is an HdrHistogram {@link AtomicHistogram}, so threads
 * running one hot query never wait for each other. Every update is counted exactly, but
 * the fields are updated one by one: a snapshot taken while statements are recorded may
 * see one statement in some counters and not yet in others (such as a call counted but
 * its time not yet added). Percentiles count a statement slower than an hour as an hour;
 * minimum, maximum, mean and total are exact.
 *
 * @author dbperf
 * @since 0.1.0
 */
final class QueryStats {

	private static final int MAX_CALL_SITES = 8;

	private static final int MAX_REPOSITORY_METHODS = 8;

	private static final int ALWAYS_SAMPLED_CALLS = 16;

	private static final int SAMPLE_EVERY = 1024;

	private static final long MIN_SAMPLE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private static final long NO_SHIFT = Long.MIN_VALUE;

	private static final long MAX_RECORDED_MICROS = TimeUnit.HOURS.toMicros(1);

	private static final long FIRST_BUCKET_MICROS = 10;

	private final Fingerprint fingerprint;

	// The rules of the fingerprint last seen: one list per distinct raw text (the empty
	// list is shared), so it changes only when the same statement arrives written
	// differently (such as with other literals); the fingerprint itself may hold a huge
	// text, so it is not kept
	private volatile List<Rule> seen;

	private volatile List<Rule> rules;

	private volatile boolean inlinedTextSeen;

	private volatile int inlinedTextHash;

	private volatile boolean literalsVary;

	private final String dataSource;

	// Microseconds up to an hour, 1 significant digit (about 5% resolution): about 3.7 KB
	// per fingerprint, allocated up front (18 MB at 5,000 fingerprints); an
	// AtomicHistogram records with one atomic increment per count
	// and none of ConcurrentHistogram's resizing guard, which every thread would write
	private final AtomicHistogram histogram = new AtomicHistogram(1, MAX_RECORDED_MICROS, 1);

	private final Map<String, LongAdder> callSites = new ConcurrentHashMap<>();

	private final Set<String> repositoryMethods = new CopyOnWriteArraySet<>();

	private final long firstSeen = System.currentTimeMillis();

	// The System.nanoTime() of the latest call, told as wall-clock time when read: the
	// wrappers read that clock anyway, so recording reads none. Calls are the
	// histogram's count
	private final AtomicLong lastSeenNanos = new AtomicLong(System.nanoTime());

	private final LongAdder errors = new LongAdder();

	private final LongAdder slowCalls = new LongAdder();

	private final LongAdder startupCalls = new LongAdder();

	private final LongAdder rows = new LongAdder();

	private final boolean countsRows;

	private final LongAdder totalNanos = new LongAdder();

	private final LongAccumulator minNanos = new LongAccumulator(Math::min, Long.MAX_VALUE);

	private final LongAccumulator maxNanos = new LongAccumulator(Math::max, 0);

	// The variance is summed over durations minus the first one (the "shifted data"
	// algorithm), which keeps the sums small and the subtraction exact enough
	private final AtomicLong shift = new AtomicLong(NO_SHIFT);

	private final DoubleAdder shiftedSquares = new DoubleAdder();

	// Usage is the calls since the last decay plus the decayed usage before it, so
	// recording adds nothing to it; only eviction, one thread at a time, writes these
	private volatile double decayedUsage;

	private volatile long callsAtDecay;

	private final AtomicReference<@Nullable Sample> slowest = new AtomicReference<>();

	private volatile boolean pastAlwaysSampled;

	// When a sampled call last walked the stack; a racing thread may let one more walk
	// through
	private volatile long sampledAt = System.nanoTime() - MIN_SAMPLE_INTERVAL_NANOS;

	private final int maxSqlLength;

	QueryStats(Fingerprint fingerprint, String dataSource, int maxSqlLength) {
		String sql = SqlText.cut(fingerprint.sql(), maxSqlLength);
		// Keep a copy with the cut text: the full text may be tens of kilobytes
		this.fingerprint = (sql != fingerprint.sql())
				? new Fingerprint(fingerprint.id(), sql, fingerprint.operation(), fingerprint.tables(),
						fingerprint.writtenTables(), fingerprint.batchFetch(), fingerprint.rules(), fingerprint.paged())
				: fingerprint;
		this.seen = List.of();
		this.rules = fingerprint.rules();
		this.dataSource = dataSource;
		this.maxSqlLength = maxSqlLength;
		this.countsRows = fingerprint.operation() != Operation.SELECT;
	}

	/**
	 * Tell whether the next call should resolve its call site, which walks the stack:
	 * always for the first {@value #ALWAYS_SAMPLED_CALLS} calls, then one call in
	 * {@value #SAMPLE_EVERY} at random (a shared sequence number would make every thread
	 * write one memory location), at most one every 100 ms, so that a hot statement does
	 * not pay for walks a few would answer as well.
	 * @param nanoTime the {@link System#nanoTime()} the call ended at, 0 when not known
	 * @return whether to walk the stack
	 */
	boolean wantsCallSite(long nanoTime) {
		if (!this.pastAlwaysSampled) {
			if (this.histogram.getTotalCount() < ALWAYS_SAMPLED_CALLS) {
				return true;
			}
			this.pastAlwaysSampled = true;
		}
		if (ThreadLocalRandom.current().nextInt(SAMPLE_EVERY) != 0) {
			return false;
		}
		if (nanoTime != 0) {
			if (nanoTime - this.sampledAt < MIN_SAMPLE_INTERVAL_NANOS) {
				return false;
			}
			this.sampledAt = nanoTime;
		}
		return true;
	}

	void record(long nanos, long endNanoTime, boolean success, long rowCount, boolean slow, boolean startup,
			@Nullable String callSite, @Nullable String repositoryMethod, @Nullable String creditedTo,
			@Nullable String unitOfWork, @Nullable Object parameters) {
		if (startup) {
			this.startupCalls.increment();
		}
		long seen = (endNanoTime != 0) ? endNanoTime : System.nanoTime();
		// A racing thread may write a time a few microseconds older: not worth a CAS
		if (seen - this.lastSeenNanos.getPlain() > 0) {
			this.lastSeenNanos.setRelease(seen);
		}
		if (!success) {
			this.errors.increment();
		}
		if (slow) {
			this.slowCalls.increment();
		}
		// Rows of a select are not reported, so not counted: one adder less per select
		if (rowCount > 0 && this.countsRows) {
			this.rows.add(rowCount);
		}
		this.totalNanos.add(nanos);
		this.minNanos.accumulate(nanos);
		this.maxNanos.accumulate(nanos);
		double shifted = nanos - shift(nanos);
		this.shiftedSquares.add(shifted * shifted);
		this.histogram.recordValue(Math.min(MAX_RECORDED_MICROS, Math.max(1, TimeUnit.NANOSECONDS.toMicros(nanos))));
		if (callSite != null) {
			countCallSite(callSite);
		}
		if (creditedTo != null && this.repositoryMethods.size() < MAX_REPOSITORY_METHODS
				&& !this.repositoryMethods.contains(creditedTo)) {
			this.repositoryMethods.add(creditedTo);
		}
		Sample sample = this.slowest.get();
		while (sample == null || nanos > sample.nanos) {
			Sample slower = new Sample(System.currentTimeMillis(), nanos, callSite, repositoryMethod, unitOfWork,
					text(parameters));
			if (this.slowest.compareAndSet(sample, slower)) {
				break;
			}
			sample = this.slowest.get();
		}
	}

	private long lastSeen() {
		long ago = System.nanoTime() - this.lastSeenNanos.get();
		return System.currentTimeMillis() - TimeUnit.NANOSECONDS.toMillis(ago);
	}

	private long shift(long nanos) {
		long current = this.shift.get();
		if (current == NO_SHIFT) {
			this.shift.compareAndSet(NO_SHIFT, nanos);
			current = this.shift.get();
		}
		return current;
	}

	private void countCallSite(String callSite) {
		LongAdder count = this.callSites.get(callSite);
		if (count == null) {
			if (this.callSites.size() >= MAX_CALL_SITES) {
				return;
			}
			count = this.callSites.computeIfAbsent(callSite, (key) -> new LongAdder());
		}
		count.increment();
	}

	/**
	 * Tell whether every execution so far ran while the application started.
	 */
	boolean startupOnly() {
		long startup = this.startupCalls.sum();
		return startup > 0 && startup >= this.histogram.getTotalCount();
	}

	/**
	 * Return the usage: one per call, scaled down by every {@link #decayUsage decay}.
	 * @return the usage
	 */
	double usage() {
		return this.decayedUsage + (this.histogram.getTotalCount() - this.callsAtDecay);
	}

	/**
	 * Scale the usage down. Called by one thread at a time; calls recorded meanwhile may
	 * be scaled or not.
	 * @param factor the factor, below 1
	 */
	void decayUsage(double factor) {
		long calls = this.histogram.getTotalCount();
		this.decayedUsage = (this.decayedUsage + (calls - this.callsAtDecay)) * factor;
		this.callsAtDecay = calls;
	}

	QueryEntry snapshot() {
		String sql = this.fingerprint.sql();
		long calls = this.histogram.getTotalCount();
		long totalNanos = this.totalNanos.sum();
		double mean = (calls > 0) ? (double) totalNanos / calls : 0;
		List<QueryEntry.CallSite> sites = new ArrayList<>();
		this.callSites.forEach((site, count) -> sites.add(new QueryEntry.CallSite(site, count.sum())));
		sites.sort((a, b) -> Long.compare(b.samples(), a.samples()));
		Sample sample = this.slowest.get();
		QueryEntry.SlowestSample slowestSample = (sample != null)
				? new QueryEntry.SlowestSample(Instant.ofEpochMilli(sample.at), millis(sample.nanos), sample.callSite,
						sample.repositoryMethod, sample.unitOfWork, sample.parameters)
				: null;
		return new QueryEntry(this.fingerprint.id(), sql, this.fingerprint.operation().tagValue(), this.dataSource,
				calls, this.errors.sum(), millis(totalNanos), minMillis(), millis(this.maxNanos.get()),
				millis((long) mean), millis((long) stddev(calls)), percentile(50), percentile(95), percentile(99),
				this.countsRows ? this.rows.sum() : null, this.slowCalls.sum(), Instant.ofEpochMilli(this.firstSeen),
				Instant.ofEpochMilli(Math.max(this.firstSeen, lastSeen())), sites, List.copyOf(this.repositoryMethods),
				slowestSample);
	}

	/**
	 * Return the latency histogram in log-scale buckets, from the first non-empty bucket
	 * to the one holding the slowest execution. Reads a copy of the histogram, so
	 * executions recorded meanwhile are in every bucket or in none.
	 * @return at most {@link QueryEntry#MAX_BUCKETS} buckets
	 */
	List<QueryEntry.Bucket> buckets() {
		AbstractHistogram copy = this.histogram.copy();
		List<QueryEntry.Bucket> buckets = new ArrayList<>();
		long from = 0;
		long to = FIRST_BUCKET_MICROS;
		// Each step ends at the next power of two times the first bucket; the iterator
		// reports it as the highest value equivalent to the bound, one below it
		for (HistogramIterationValue value : copy.logarithmicBucketValues(FIRST_BUCKET_MICROS, 2)) {
			long count = value.getCountAddedInThisIterationStep();
			if (count > 0 || !buckets.isEmpty()) {
				buckets.add(new QueryEntry.Bucket(round(from / 1000.0), round(to / 1000.0), count));
			}
			from = to;
			to *= 2;
		}
		return (buckets.size() > QueryEntry.MAX_BUCKETS)
				? List.copyOf(buckets.subList(buckets.size() - QueryEntry.MAX_BUCKETS, buckets.size())) : buckets;
	}

	/**
	 * Return the population standard deviation: the variance of the shifted durations
	 * equals that of the durations.
	 */
	private double stddev(long calls) {
		if (calls < 2) {
			return 0;
		}
		long shift = this.shift.get();
		double meanShifted = (double) this.totalNanos.sum() / calls - shift;
		double variance = this.shiftedSquares.sum() / calls - meanShifted * meanShifted;
		return (variance > 0) ? Math.sqrt(variance) : 0;
	}

	private double percentile(double percentile) {
		if (this.histogram.getTotalCount() == 0) {
			return 0;
		}
		return round(this.histogram.getValueAtPercentile(percentile) / 1000.0);
	}

	// Captured values become text only for the sample kept, cut as the SQL is
	private @Nullable String text(@Nullable Object parameters) {
		return (parameters != null) ? SqlText.cut(String.valueOf(parameters), this.maxSqlLength) : null;
	}

	// A snapshot may run between a first record's call count and its minimum
	private double minMillis() {
		long min = this.minNanos.get();
		return (min != Long.MAX_VALUE) ? millis(min) : 0;
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

	long calls() {
		return this.histogram.getTotalCount();
	}

	long totalNanos() {
		return this.totalNanos.sum();
	}

	/**
	 * Read the cumulative latency distribution: how many executions took at most each
	 * bound, then all of them. Bounds are read in ascending order, so the counts never
	 * decrease from one bound to the next even while statements are recorded. A bound
	 * counts every value the histogram cannot tell from it (about 6% above it).
	 * @param upperMicros the bounds in microseconds, ascending
	 * @param into receives one count per bound and the total last
	 */
	void cumulativeCounts(long[] upperMicros, long[] into) {
		long previous = 0;
		for (int i = 0; i < upperMicros.length; i++) {
			previous = Math.max(previous, this.histogram.getCountBetweenValues(0, upperMicros[i]));
			into[i] = previous;
		}
		into[upperMicros.length] = Math.max(previous, this.histogram.getTotalCount());
	}

	/**
	 * Note the fingerprint of an execution: texts that differ only in literals share the
	 * id, and the {@code sql} rules of each are kept.
	 * @param executed the execution's fingerprint
	 */
	void seen(Fingerprint executed, String sql) {
		List<Rule> executedRules = executed.rules();
		if (executedRules != this.seen) {
			this.seen = executedRules;
			if (!this.literalsVary && executedRules.contains(Rules.SQL_INLINED_LITERALS)) {
				noteInlinedText(sql.hashCode());
			}
			List<Rule> current = this.rules;
			if (!current.containsAll(executedRules)) {
				Set<Rule> union = new LinkedHashSet<>(current);
				union.addAll(executedRules);
				this.rules = List.copyOf(union);
			}
		}
	}

	// Literals written into the text pollute plan caches only when they change: a
	// discriminator, a soft-delete flag or a constant status is the same in every
	// execution, so sql-inlined-literals needs two different texts of one fingerprint
	private void noteInlinedText(int hash) {
		if (!this.inlinedTextSeen) {
			this.inlinedTextHash = hash;
			this.inlinedTextSeen = true;
		}
		else if (hash != this.inlinedTextHash) {
			this.literalsVary = true;
		}
	}

	/**
	 * Return the {@code sql} rules any text of this fingerprint broke.
	 * @return the rules
	 */
	List<Rule> rules() {
		List<Rule> current = this.rules;
		if (this.literalsVary || !current.contains(Rules.SQL_INLINED_LITERALS)) {
			return current;
		}
		return current.stream().filter((rule) -> rule != Rules.SQL_INLINED_LITERALS).toList();
	}

	private record Sample(long at, long nanos, @Nullable String callSite, @Nullable String repositoryMethod,
			@Nullable String unitOfWork, @Nullable String parameters) {
	}

}
