package io.github.dbperf.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Skips a failing remote tier: after a number of consecutive failures it opens for a
 * cool-down, then lets one probe through; a success closes it again, a failure opens it
 * for another cool-down, and a probe that ends without an answer (interrupted, rejected)
 * lets the next call probe.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class CircuitBreaker {

	private final int failureThreshold;

	private final long openNanos;

	private final AtomicInteger failures = new AtomicInteger();

	private final AtomicReference<State> state = new AtomicReference<>(State.CLOSED);

	private volatile long openedAt;

	/**
	 * Create a new breaker.
	 * @param failureThreshold consecutive failures that open it
	 * @param openDuration how long it stays open before a probe
	 */
	public CircuitBreaker(int failureThreshold, Duration openDuration) {
		this.failureThreshold = failureThreshold;
		this.openNanos = openDuration.toNanos();
	}

	/**
	 * Return whether a call may go to the remote tier now, and whether it is the probe.
	 * @return the permit, to pass to {@link #abandon(Permit)}
	 */
	public Permit allow() {
		State current = this.state.get();
		if (current == State.CLOSED) {
			return Permit.CALL;
		}
		if (current == State.OPEN && System.nanoTime() - this.openedAt >= this.openNanos
				&& this.state.compareAndSet(State.OPEN, State.HALF_OPEN)) {
			return Permit.PROBE;
		}
		return Permit.DENIED;
	}

	/**
	 * Record a successful call.
	 */
	public void success() {
		this.failures.set(0);
		if (this.state.get() != State.CLOSED) {
			this.state.set(State.CLOSED);
		}
	}

	/**
	 * Record a failed call.
	 */
	public void failure() {
		if (this.state.get() == State.HALF_OPEN || this.failures.incrementAndGet() >= this.failureThreshold) {
			this.openedAt = System.nanoTime();
			this.state.set(State.OPEN);
		}
	}

	/**
	 * Record a call that ended without telling whether the remote tier works, such as an
	 * interrupted or rejected one: if it was the probe, the next call probes instead. Any
	 * other call leaves the breaker as it is, so that only one probe runs at a time.
	 * @param permit what {@link #allow()} returned for the call
	 */
	public void abandon(Permit permit) {
		if (permit == Permit.PROBE) {
			// The cool-down has passed already, so the next allow() takes the probe
			this.state.compareAndSet(State.HALF_OPEN, State.OPEN);
		}
	}

	/**
	 * Return the state.
	 * @return the state
	 */
	public State state() {
		return this.state.get();
	}

	/**
	 * What {@link #allow()} grants a call.
	 */
	public enum Permit {

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
		public boolean granted() {
			return this != DENIED;
		}

	}

	/**
	 * The breaker's states.
	 */
	public enum State {

		/**
		 * Calls go through.
		 */
		CLOSED,

		/**
		 * Calls are skipped.
		 */
		OPEN,

		/**
		 * One probe is on its way.
		 */
		HALF_OPEN

	}

}
