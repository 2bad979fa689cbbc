package io.github.dbperf.pool;

import java.time.Instant;
import java.util.List;

/**
 * A wait for a connection that took longer than the starvation threshold, with the
 * connections' holders at that moment, longest-held first.
 *
 * @param at when the wait ended
 * @param dataSource the DataSource bean name
 * @param thread the waiting thread's name
 * @param waitedMs how long it waited, in milliseconds
 * @param failed whether the wait ended without a connection
 * @param holders who held the connections
 * @author dbperf
 * @since 0.1.0
 */
public record Starvation(Instant at, String dataSource, String thread, long waitedMs, boolean failed,
		List<ConnectionHolder> holders) {

}
