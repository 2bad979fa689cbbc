package io.github.dbperf.jdbc;

import org.jspecify.annotations.Nullable;

/**
 * Observes the connections of one wrapped DataSource: how long callers waited for them,
 * and when each was handed out and given back.
 *
 * @author dbperf
 * @since 0.1.0
 */
public interface ConnectionEvents {

	/**
	 * Events that are dropped.
	 */
	ConnectionEvents NONE = new ConnectionEvents() {

		@Override
		public void acquired(long waitedNanos, boolean failed) {
		}

		@Override
		public @Nullable Object opened(long nanoTime) {
			return null;
		}

		@Override
		public void closed(@Nullable Object hold) {
		}

	};

	/**
	 * Called after a caller obtained a connection or gave up waiting.
	 * @param waitedNanos how long it waited
	 * @param failed whether it ended without a connection
	 */
	void acquired(long waitedNanos, boolean failed);

	/**
	 * Called on the borrowing thread when a connection is handed out.
	 * @param nanoTime the {@link System#nanoTime()} it was handed out at
	 * @return what {@link #closed(Object)} is given back when the connection closes, or
	 * {@code null}
	 */
	@Nullable Object opened(long nanoTime);

	/**
	 * Called once when a connection is closed, so goes back to the pool.
	 * @param hold what {@link #opened(long)} returned for it
	 */
	void closed(@Nullable Object hold);

}
