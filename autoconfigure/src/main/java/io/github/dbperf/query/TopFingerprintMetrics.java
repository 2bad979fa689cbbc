package io.github.dbperf.query;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.dbperf.context.DbperfFailures;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Micrometer series per fingerprint for the fingerprints with the most total time only,
 * recomputed from the {@link QueryStore} on a thread of its own, never per statement: the
 * function timer {@code dbperf.queries} (calls and total time) and the cumulative
 * function counters {@code dbperf.queries.latency} (executions at most {@code le}
 * seconds, Prometheus histogram buckets), each tagged {@code fingerprint} with the
 * fingerprint id, never its SQL. Every other fingerprint is summed in one
 * {@code dbperf.queries} series tagged {@code fingerprint=other}, which has no buckets.
 * <p>
 * Every series is a counter that never decreases: an execution is added to a
 * fingerprint's series when the fingerprint was a member at the refresh before and is one
 * now, else to {@code other}, so summing the rates of all series counts each execution
 * once while members come and go. At the first bind a member's series starts at the
 * fingerprint's count since start, when no earlier sample of it exists. A fingerprint
 * that joins later starts where its series stopped when it last left, so its series never
 * jumps or goes back; one never exported, or exported so long ago that it was forgotten
 * (about the last 4,096 to leave are remembered), starts at 0, which Prometheus reads as
 * a new series or a counter reset, never as an increase. A member is replaced only by a
 * fingerprint with 10% more total time, so near-equal fingerprints do not take turns.
 *
 * @author dbperf
 * @since 0.2.0
 */
public final class TopFingerprintMetrics implements MeterBinder, SmartLifecycle {

	/**
	 * The {@code fingerprint} tag of the series that sums every other fingerprint.
	 */
	public static final String OTHER = "other";

	private static final double STICKINESS = 1.1;

	// About 250 bytes each (1 MB when full); Caffeine forgets the least used beyond this
	private static final int REMEMBERED = 4096;

	// From 0.1ms (an indexed read on a local database) to 1s; slower ones only count in
	// +Inf, which the slow-query log and slow counter cover
	private static final long[] BOUNDS_MICROS = { 100, 500, 1_000, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000,
			500_000, 1_000_000 };

	private static final String[] LE = le();

	private final QueryStore store;

	private final int topN;

	private final Duration refreshInterval;

	private final Map<String, Tracked> tracked = new HashMap<>();

	private final Map<String, Member> members = new HashMap<>();

	private final Series other = new Series();

	// What the series of fingerprints that left the top N last exported
	private final Cache<String, Exported> left = Caffeine.newBuilder()
		.maximumSize(REMEMBERED)
		.executor(Runnable::run)
		.build();

	private @Nullable MeterRegistry registry;

	private @Nullable ScheduledExecutorService refresher;

	/**
	 * Create a new instance.
	 * @param store the store read at each refresh
	 * @param topN how many fingerprints get series of their own
	 * @param refreshInterval how often the series are recomputed
	 */
	public TopFingerprintMetrics(QueryStore store, int topN, Duration refreshInterval) {
		this.store = store;
		this.topN = topN;
		this.refreshInterval = refreshInterval;
	}

	/**
	 * Register the series in the first registry this is bound to; later ones are ignored,
	 * since the members' series move together.
	 * @param registry the registry
	 */
	@Override
	public synchronized void bindTo(MeterRegistry registry) {
		if (this.registry != null) {
			return;
		}
		this.registry = registry;
		timer(registry, OTHER, this.other);
		try {
			update(registry, true);
		}
		catch (RuntimeException ex) {
			DbperfFailures.swallow("the top fingerprint metrics", ex);
		}
	}

	/**
	 * Recompute the members and every series now; otherwise done every refresh interval
	 * once started. Does nothing before a registry is bound.
	 */
	public synchronized void refresh() {
		MeterRegistry current = this.registry;
		if (current == null) {
			return;
		}
		try {
			update(current, false);
		}
		catch (RuntimeException ex) {
			DbperfFailures.swallow("the top fingerprint metrics", ex);
		}
	}

	// At the first update members start with their whole history, which other never had;
	// later, the executions of the refresh a member joins in go to other
	private void update(MeterRegistry registry, boolean first) {
		List<Reading> readings = new ArrayList<>(this.store.size() + 16);
		this.store.forEachStats((stats) -> readings.add(read(stats)));
		Set<String> top = top(readings);
		Set<String> seen = new HashSet<>();
		for (Reading reading : readings) {
			String id = reading.stats.fingerprint().id();
			seen.add(id);
			Tracked last = this.tracked.get(id);
			boolean continued = last != null && last.stats == reading.stats;
			long calls = continued ? Math.max(0, reading.calls - last.calls) : reading.calls;
			long nanos = continued ? Math.max(0, reading.nanos - last.nanos) : reading.nanos;
			Member member = this.members.get(id);
			if (member != null && top.contains(id)) {
				member.add(calls, nanos, reading.stats, member.stats == reading.stats);
			}
			else {
				if (!first || !top.contains(id)) {
					this.other.add(calls, nanos);
				}
				if (member == null && top.contains(id)) {
					this.members.put(id, register(registry, id, reading, first));
				}
			}
			if (last == null) {
				this.tracked.put(id, new Tracked(reading));
			}
			else {
				last.update(reading);
			}
		}
		this.tracked.keySet().retainAll(seen);
		for (Iterator<Member> iterator = this.members.values().iterator(); iterator.hasNext();) {
			Member member = iterator.next();
			if (!top.contains(member.id)) {
				member.meters.forEach(registry::remove);
				this.left.put(member.id, member.exported());
				iterator.remove();
			}
		}
	}

	private Set<String> top(List<Reading> readings) {
		List<Reading> ranked = new ArrayList<>(readings);
		ranked.sort(Comparator.comparingDouble(Reading::score)
			.reversed()
			.thenComparing((reading) -> reading.stats.fingerprint().id()));
		Set<String> top = new HashSet<>();
		for (int i = 0; i < Math.min(this.topN, ranked.size()); i++) {
			top.add(ranked.get(i).stats.fingerprint().id());
		}
		return top;
	}

	private Reading read(QueryStats stats) {
		long nanos = stats.totalNanos();
		double score = this.members.containsKey(stats.fingerprint().id()) ? nanos * STICKINESS : nanos;
		return new Reading(stats, stats.calls(), nanos, score);
	}

	private Member register(MeterRegistry registry, String id, Reading reading, boolean first) {
		Member member = new Member(id, reading.stats);
		if (first) {
			member.startWithHistory(reading.calls, reading.nanos);
		}
		else {
			member.resume(this.left.asMap().remove(id));
		}
		member.meters.add(timer(registry, id, member));
		for (int i = 0; i < LE.length; i++) {
			int bucket = i;
			member.meters.add(FunctionCounter.builder("dbperf.queries.latency", member, (m) -> m.buckets.get(bucket))
				.description("Executions of a top fingerprint that took at most le seconds (histogram buckets)")
				.tags(Tags.of("fingerprint", id, "le", LE[i]))
				.register(registry));
		}
		return member;
	}

	private static Meter timer(MeterRegistry registry, String fingerprint, Series series) {
		return FunctionTimer.builder("dbperf.queries", series, (s) -> s.calls, (s) -> s.nanos, TimeUnit.NANOSECONDS)
			.description("Statements of the top fingerprints by total time, the rest as fingerprint=other")
			.tags("fingerprint", fingerprint)
			.register(registry);
	}

	@Override
	public synchronized void start() {
		if (this.registry == null || this.refresher != null) {
			return;
		}
		CustomizableThreadFactory threads = new CustomizableThreadFactory("dbperf-query-metrics-");
		threads.setDaemon(true);
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(threads);
		long millis = this.refreshInterval.toMillis();
		executor.scheduleWithFixedDelay(this::refresh, millis, millis, TimeUnit.MILLISECONDS);
		this.refresher = executor;
	}

	@Override
	public synchronized void stop() {
		ScheduledExecutorService executor = this.refresher;
		if (executor != null) {
			executor.shutdownNow();
			this.refresher = null;
		}
	}

	/**
	 * Return whether the series are refreshed periodically: only once bound to a registry
	 * and started.
	 * @return whether running
	 */
	@Override
	public synchronized boolean isRunning() {
		return this.refresher != null;
	}

	private static String[] le() {
		String[] le = new String[BOUNDS_MICROS.length + 1];
		for (int i = 0; i < BOUNDS_MICROS.length; i++) {
			le[i] = BigDecimal.valueOf(BOUNDS_MICROS[i], 6).stripTrailingZeros().toPlainString();
		}
		le[BOUNDS_MICROS.length] = "+Inf";
		return le;
	}

	private record Reading(QueryStats stats, long calls, long nanos, double score) {

	}

	/**
	 * The values a member's series last exported, to continue from if it joins again.
	 */
	private record Exported(long calls, long nanos, long[] buckets) {

	}

	/**
	 * What a fingerprint's counters read at the last refresh.
	 */
	private static final class Tracked {

		private QueryStats stats;

		private long calls;

		private long nanos;

		Tracked(Reading reading) {
			this.stats = reading.stats;
			this.calls = reading.calls;
			this.nanos = reading.nanos;
		}

		void update(Reading reading) {
			this.stats = reading.stats;
			this.calls = reading.calls;
			this.nanos = reading.nanos;
		}

	}

	/**
	 * Counts a series exports, written by the refresh and read by scrapes.
	 */
	private static class Series {

		volatile long calls;

		volatile long nanos;

		// Only the refresh writes, under the instance's lock
		void add(long calls, long nanos) {
			this.calls += calls;
			this.nanos += nanos;
		}

	}

	/**
	 * A member's series and the latency counts it read last.
	 */
	private static final class Member extends Series {

		private final String id;

		private final List<Meter> meters = new ArrayList<>();

		private final AtomicLongArray buckets = new AtomicLongArray(LE.length);

		private final long[] lastBuckets = new long[LE.length];

		private final long[] reading = new long[LE.length];

		private QueryStats stats;

		Member(String id, QueryStats stats) {
			this.id = id;
			this.stats = stats;
			stats.cumulativeCounts(BOUNDS_MICROS, this.lastBuckets);
		}

		void startWithHistory(long calls, long nanos) {
			add(calls, nanos);
			for (int i = 0; i < LE.length; i++) {
				this.buckets.set(i, this.lastBuckets[i]);
			}
		}

		void resume(@Nullable Exported exported) {
			if (exported != null) {
				add(exported.calls, exported.nanos);
				for (int i = 0; i < LE.length; i++) {
					this.buckets.set(i, exported.buckets[i]);
				}
			}
		}

		Exported exported() {
			long[] exported = new long[LE.length];
			for (int i = 0; i < LE.length; i++) {
				exported[i] = this.buckets.get(i);
			}
			return new Exported(this.calls, this.nanos, exported);
		}

		void add(long calls, long nanos, QueryStats current, boolean continued) {
			add(calls, nanos);
			current.cumulativeCounts(BOUNDS_MICROS, this.reading);
			for (int i = 0; i < LE.length; i++) {
				long delta = continued ? Math.max(0, this.reading[i] - this.lastBuckets[i]) : this.reading[i];
				this.buckets.addAndGet(i, delta);
				this.lastBuckets[i] = this.reading[i];
			}
			this.stats = current;
		}

	}

}
