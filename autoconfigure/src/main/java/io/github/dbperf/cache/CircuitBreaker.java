package io.github.dbperf.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import io.github.dbperf.cache.RemoteTierStats.BreakerState;

/**
 * Skips a failing remote tier: after a number of consecutive failures it opens for a
 * cool-down, then lets one probe through; a success closes it again, a failure opens it
 * for another cool-down, and a probe that ends without an answer (interrupted, rejected)
 * lets the next call probe.
 *
 * @author dbperf
 * @since 0.1.0
 */
final class CircuitBreaker {

	private final int failureThreshold;

	private final long openNanos;

	private final AtomicInteger failures = new AtomicInteger();

	private final LongSupplier nanoTime;

	private final AtomicReference<BreakerState> state = new AtomicReference<>(BreakerState.CLOSED);

	private volatile long openedAt;

	/**
	 * Create a new breaker on {@link System#nanoTime()}.
	 * @param failureThreshold consecutive failures that open it
	 * @param openDuration how long it stays open before a probe
	 */
	CircuitBreaker(int failureThreshold, Duration openDuration) {
		this(failureThreshold, openDuration, System::nanoTime);
	}

	/**
	 * Create a new breaker.
	 * @param failureThreshold consecutive failures that open it
	 * @param openDuration how long it stays open before a probe
	 * @param nanoTime the time source, in nanoseconds as {@link System#nanoTime()}
	 */
	CircuitBreaker(int failureThreshold, Duration openDuration, LongSupplier nanoTime) {
		this.failureThreshold = failureThreshold;
		this.openNanos = openDuration.toNanos();
		this.nanoTime = nanoTime;
	}

	/**
	 * Return whether a call may go to the remote tier now, and whether it is the probe.
	 * @return the permit, to pass to {@link #abandon(Permit)}
	 */
	Permit allow() {
		BreakerState current = this.state.get();
		if (current == BreakerState.CLOSED) {
			return Permit.CALL;
		}
		if (current == BreakerState.OPEN && this.nanoTime.getAsLong() - this.openedAt >= this.openNanos
				&& this.state.compareAndSet(BreakerState.OPEN, BreakerState.HALF_OPEN)) {
			return Permit.PROBE;
		}
		return Permit.DENIED;
	}

	/**
	 * Record a successful call.
	 */
	void success() {
		this.failures.set(0);
		if (this.state.get() != BreakerState.CLOSED) {
			this.state.set(BreakerState.CLOSED);
		}
	}

	/**
	 * Record a failed call.
	 */
	void failure() {
		if (this.state.get() == BreakerState.HALF_OPEN || this.failures.incrementAndGet() >= this.failureThreshold) {
			this.openedAt = this.nanoTime.getAsLong();
			this.state.set(BreakerState.OPEN);
		}
	}

	/**
	 * Record a call that ended without telling whether the remote tier works, such as an
	 * interrupted or rejected one: if it was the probe, the next call probes instead. Any
	 * other call leaves the breaker as it is, so that only one probe runs at a time.
	 * @param permit what {@link #allow()} returned for the call
	 */
	void abandon(Permit permit) {
		if (permit == Permit.PROBE) {
			// The cool-down has passed already, so the next allow() takes the probe
			this.state.compareAndSet(BreakerState.HALF_OPEN, BreakerState.OPEN);
		}
	}

	/**
	 * Return the state.
	 * @return the state
	 */
	BreakerState state() {
		return this.state.get();
	}

	/**
	 * What {@link #allow()} grants a call.
	 */
	enum Permit {

		/**
		 * The call is skipped.
		 */
		DENIED,

		/**
		 * The call goes through while the breaker is closed.
		 */
		CALL,

		/**
		 * The call is the one probe after a cool-down.
		 */
		PROBE;

		/**
		 * Return whether the call may go to the remote tier.
		 * @return whether it is granted
		 */
		boolean granted() {
			return this != DENIED;
		}

	}

}
