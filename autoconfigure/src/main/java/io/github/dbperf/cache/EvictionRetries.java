package io.github.dbperf.cache;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Retries the {@link PendingEvictions} on one background thread: periodically while any
 * is pending, and at once after a command succeeded (Redis answers again). Retries stop
 * at the first eviction that fails again, to be tried at the next round.
 *
 * @author dbperf
 * @since 0.1.0
 */
final class EvictionRetries {

	private static final long MIN_INTERVAL_MILLIS = 100;

	private final PendingEvictions pending;

	private final Evictions evictions;

	private final long intervalMillis;

	private final ScheduledExecutorService thread;

	private final AtomicBoolean scheduled = new AtomicBoolean();

	private final AtomicBoolean requested = new AtomicBoolean();

	private volatile boolean retrying;

	private volatile PendingEvictions.@Nullable Publication afterFullClear;

	/**
	 * Create the retries.
	 * @param pending the evictions to retry
	 * @param evictions how to run them
	 * @param interval how long to wait between rounds, at least 100ms
	 */
	EvictionRetries(PendingEvictions pending, Evictions evictions, Duration interval) {
		this.pending = pending;
		this.evictions = evictions;
		this.intervalMillis = Math.max(interval.toMillis(), MIN_INTERVAL_MILLIS);
		CustomizableThreadFactory threads = new CustomizableThreadFactory("dbperf-redis-retry-");
		threads.setDaemon(true);
		this.thread = Executors.newSingleThreadScheduledExecutor(threads);
	}

	/**
	 * Keep an eviction that failed, to be retried.
	 * @param eviction the eviction
	 */
	void keep(PendingEvictions.Eviction eviction) {
		this.pending.add(eviction);
		schedule();
	}

	/**
	 * Set the message published after everything was cleared because more evictions
	 * failed than are kept.
	 * @param publication the message
	 */
	void publishAfterFullClear(PendingEvictions.Publication publication) {
		this.afterFullClear = publication;
	}

	/**
	 * Retry the pending evictions now, on the retry thread, unless a retry runs already.
	 */
	void soon() {
		if (!this.retrying && !this.pending.isEmpty() && this.requested.compareAndSet(false, true)) {
			try {
				this.thread.execute(() -> {
					this.requested.set(false);
					retry();
				});
			}
			catch (RejectedExecutionException ex) {
				// Shut down
				this.requested.set(false);
			}
		}
	}

	private void schedule() {
		if (this.scheduled.compareAndSet(false, true)) {
			try {
				this.thread.schedule(this::retryPeriodically, this.intervalMillis, TimeUnit.MILLISECONDS);
			}
			catch (RejectedExecutionException ex) {
				// Shut down
				this.scheduled.set(false);
			}
		}
	}

	private void retryPeriodically() {
		this.scheduled.set(false);
		retry();
		if (!this.pending.isEmpty()) {
			schedule();
		}
	}

	// Only ever on the retry thread
	private void retry() {
		this.retrying = true;
		try {
			long everything = this.pending.everything();
			if (everything != 0) {
				if (!this.evictions.clearEverything()) {
					return;
				}
				PendingEvictions.Publication publication = this.afterFullClear;
				if (publication != null && !this.evictions.run(publication)) {
					return;
				}
				this.pending.everythingDone(everything);
			}
			for (Map.Entry<PendingEvictions.Eviction, Long> eviction : this.pending.snapshot()) {
				if (!this.evictions.run(eviction.getKey())) {
					return;
				}
				this.pending.done(eviction.getKey(), eviction.getValue());
			}
		}
		finally {
			this.retrying = false;
		}
	}

	void shutdown() {
		this.thread.shutdownNow();
	}

	/**
	 * Runs retried evictions against Redis.
	 */
	interface Evictions {

		/**
		 * Run one eviction again.
		 * @param eviction the eviction
		 * @return whether it reached Redis
		 */
		boolean run(PendingEvictions.Eviction eviction);

		/**
		 * Remove every entry of every cache.
		 * @return whether it reached Redis
		 */
		boolean clearEverything();

	}

}
