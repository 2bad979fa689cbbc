package io.github.dbperf.pool;

/**
 * Receives connection wait and hold times, for pools whose own metrics do not report
 * them.
 *
 * @author dbperf
 * @since 0.1.0
 */
public interface ConnectionTimings {

	/**
	 * Timings that are dropped.
	 */
	ConnectionTimings NONE = new ConnectionTimings() {
	};

	/**
	 * Called when a caller obtained a connection or gave up.
	 * @param nanos how long it waited
	 * @param failed whether it ended without a connection
	 */
	default void waited(long nanos, boolean failed) {
	}

	/**
	 * Called when a connection goes back to the pool.
	 * @param nanos how long it was held
	 */
	default void held(long nanos) {
	}

}
