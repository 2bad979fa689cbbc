package io.github.dbperf.pool;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Predicate;

import io.github.dbperf.context.ApplicationFrames;
import io.github.dbperf.context.UnitOfWorkContext;
import io.github.dbperf.jdbc.ConnectionEvents;
import org.jspecify.annotations.Nullable;

/**
 * Knows which thread holds each connection of one DataSource, and records who held them
 * whenever a caller waited too long for one. Holding costs a set entry per open
 * connection; stacks are only read when a wait crosses the threshold.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class ConnectionTracker implements ConnectionEvents {

	private static final int STACK_DEPTH = 12;

	private static final int SLOTS = 64;

	private final String dataSourceName;

	private final long thresholdNanos;

	private final long longHoldNanos;

	private final int maxEvents;

	private final ApplicationFrames applicationFrames;

	private final ConnectionTimings timings;

	private final boolean timesHolds;

	// The open holds: a slot each, claimed and freed with one compare-and-set each,
	// from a place that depends on the thread (so a thread tends to reuse its slot);
	// holds that find every slot taken go to the overflow set, whose insert and removal
	// cost several atomic operations
	private final AtomicReferenceArray<@Nullable Hold> slots = new AtomicReferenceArray<>(SLOTS);

	private final Set<Hold> overflow = ConcurrentHashMap.newKeySet();

	private final Deque<Starvation> events = new ArrayDeque<>();

	private final AtomicLong starvations = new AtomicLong();

	/**
	 * Create a new tracker.
	 * @param dataSourceName the DataSource bean name
	 * @param threshold waits at least this long are recorded
	 * @param maxEvents how many recent starvation events to keep
	 * @param longHold connections held at least this long are {@link #longHolds() long
	 * holds}
	 * @param applicationFrames resolves the holders' application call sites
	 * @param timings receives wait and hold times
	 */
	public ConnectionTracker(String dataSourceName, Duration threshold, int maxEvents, Duration longHold,
			ApplicationFrames applicationFrames, ConnectionTimings timings) {
		this.dataSourceName = dataSourceName;
		this.thresholdNanos = threshold.toNanos();
		this.maxEvents = maxEvents;
		this.longHoldNanos = longHold.toNanos();
		this.applicationFrames = applicationFrames;
		this.timings = timings;
		this.timesHolds = timings != ConnectionTimings.NONE;
	}

	@Override
	public Object opened(long nanoTime) {
		Thread thread = Thread.currentThread();
		Hold hold = new Hold(thread, nanoTime, UnitOfWorkContext.currentName());
		int start = thread.hashCode() * 0x9E3779B9;
		for (int probe = 0; probe < SLOTS; probe++) {
			int slot = (start + probe) & (SLOTS - 1);
			if (this.slots.get(slot) == null && this.slots.compareAndSet(slot, null, hold)) {
				hold.slot = slot;
				return hold;
			}
		}
		this.overflow.add(hold);
		return hold;
	}

	// A compare-and-set, not a plain store: two racing calls for one hold must not free
	// a slot that a new hold claimed in between
	private boolean remove(Hold hold) {
		int slot = hold.slot;
		if (slot < 0) {
			return this.overflow.remove(hold);
		}
		return this.slots.compareAndSet(slot, hold, null);
	}

	@Override
	public void closed(@Nullable Object hold) {
		// HikariCP times holds itself (timings are NONE): spare the clock read
		if (hold instanceof Hold closed && remove(closed) && this.timesHolds) {
			this.timings.held(System.nanoTime() - closed.since);
		}
	}

	@Override
	public void acquired(long waitedNanos, boolean failed) {
		this.timings.waited(waitedNanos, failed);
		if (waitedNanos >= this.thresholdNanos || failed) {
			record(waitedNanos, failed);
		}
	}

	private void record(long waitedNanos, boolean failed) {
		Thread waiter = Thread.currentThread();
		List<ConnectionHolder> holders = holders((hold) -> hold.thread != waiter);
		if (holders.isEmpty() && !failed) {
			// Nobody else held a connection: the wait was the pool opening one, not
			// starvation
			return;
		}
		Starvation starvation = new Starvation(Instant.now(), this.dataSourceName, waiter.getName(),
				TimeUnit.NANOSECONDS.toMillis(waitedNanos), failed, List.copyOf(holders));
		this.starvations.incrementAndGet();
		synchronized (this.events) {
			if (this.events.size() == this.maxEvents) {
				this.events.removeLast();
			}
			this.events.addFirst(starvation);
		}
	}

	private List<ConnectionHolder> holders(Predicate<Hold> included) {
		long now = System.nanoTime();
		List<ConnectionHolder> holders = new ArrayList<>();
		for (int slot = 0; slot < SLOTS; slot++) {
			Hold hold = this.slots.get(slot);
			if (hold != null && included.test(hold)) {
				holders.add(describe(hold, now));
			}
		}
		for (Hold hold : this.overflow) {
			if (included.test(hold)) {
				holders.add(describe(hold, now));
			}
		}
		holders.sort(Comparator.comparingLong(ConnectionHolder::heldForMs).reversed());
		return holders;
	}

	private ConnectionHolder describe(Hold hold, long now) {
		StackTraceElement[] stack = hold.thread.getStackTrace();
		List<String> top = Arrays.stream(stack).limit(STACK_DEPTH).map(StackTraceElement::toString).toList();
		return new ConnectionHolder(hold.thread.getName(), hold.unitOfWork,
				TimeUnit.NANOSECONDS.toMillis(now - hold.since), this.applicationFrames.firstFrame(stack), top);
	}

	/**
	 * Return the recent starvation events, newest first.
	 * @return the events
	 */
	public List<Starvation> starvations() {
		synchronized (this.events) {
			return List.copyOf(this.events);
		}
	}

	/**
	 * Return how many starvation events happened since start.
	 * @return the count
	 */
	public long starvationCount() {
		return this.starvations.get();
	}

	/**
	 * Return the connections held at least the long-hold time, longest first: each with
	 * the unit of work that borrowed it (noted at checkout, a thread-local read) and the
	 * holding thread's stack as it is now, which shows the borrowing code only while that
	 * code still runs. No stack is captured at checkout, unlike HikariCP's leak
	 * detection.
	 * @return the holders
	 */
	public List<ConnectionHolder> longHolds() {
		long heldSince = System.nanoTime() - this.longHoldNanos;
		return holders((hold) -> hold.since - heldSince <= 0);
	}

	/**
	 * One connection held by one thread; equal only to itself, so two holds that start in
	 * the same nanosecond stay apart.
	 */
	private static final class Hold {

		private final Thread thread;

		private final long since;

		private final @Nullable String unitOfWork;

		// Its index in the slots, or -1 while in the overflow set
		private int slot = -1;

		Hold(Thread thread, long since, @Nullable String unitOfWork) {
			this.thread = thread;
			this.since = since;
			this.unitOfWork = unitOfWork;
		}

		@Override
		public boolean equals(Object other) {
			return this == other;
		}

		@Override
		public int hashCode() {
			return Long.hashCode(this.since);
		}

	}

}
