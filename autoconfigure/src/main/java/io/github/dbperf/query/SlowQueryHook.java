package io.github.dbperf.query;

import io.github.dbperf.jdbc.StatementEvent;
import org.jspecify.annotations.Nullable;

/**
 * What another capability adds to slow statements, without the query feature knowing it:
 * told of every slow statement by {@link SlowQueryLog} (only those at or above the slow
 * threshold, never the others) and asked for one line about a fingerprint's plan to add
 * to the slow log line. Wired by the auto-configuration (such as to dbperf's plan
 * capture).
 *
 * @author dbperf
 * @since 0.2.0
 */
public interface SlowQueryHook {

	/**
	 * A hook that does nothing.
	 */
	SlowQueryHook NONE = new SlowQueryHook() {

		@Override
		public void slow(StatementEvent event) {
		}

		@Override
		public @Nullable String headline(String fingerprintId) {
			return null;
		}

	};

	/**
	 * Called on the application's thread for a statement at or above the slow threshold
	 * (not for DDL, not while the application starts). Must return at once and never
	 * throw: hand the work to another thread.
	 * @param event the slow statement
	 */
	void slow(StatementEvent event);

	/**
	 * Return one line about a fingerprint's plan, such as
	 * {@code Seq Scan on post (est. 100,000 rows)}.
	 * @param fingerprintId the fingerprint id
	 * @return the line, or {@code null} when none is known yet
	 */
	@Nullable String headline(String fingerprintId);

}
