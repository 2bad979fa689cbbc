package io.github.dbperf.cache;

/**
 * The health of a remote tier.
 *
 * @param errors commands that failed or timed out
 * @param skipped calls that skipped the remote tier while its circuit breaker was open
 * @param saturated calls that skipped the remote tier because its queue of commands was
 * full
 * @param pendingEvictions evictions that failed and wait for the remote tier to answer
 * again
 * @param state the circuit breaker's state
 * @author dbperf
 * @since 0.1.0
 */
public record RemoteTierStats(long errors, long skipped, long saturated, long pendingEvictions, BreakerState state) {

	/**
	 * The states of the remote tier's circuit breaker.
	 */
	public enum BreakerState {

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
