package io.github.dbperf.advisor;

import java.util.List;

import io.github.dbperf.pool.ConnectionHolder;
import io.github.dbperf.pool.PoolSetting;
import io.github.dbperf.pool.PoolState;
import io.github.dbperf.pool.Starvation;
import org.jspecify.annotations.Nullable;

/**
 * Everything the advisor reports about one DataSource.
 *
 * @param name the DataSource bean name
 * @param type the pool class
 * @param database what the database said about itself
 * @param settings the effective pool settings with their sources (HikariCP only)
 * @param state the live pool state, or {@code null} before the pool started
 * @param starvationCount how many times a caller waited longer than the threshold
 * @param starvations the most recent such waits, with the connections' holders
 * @param longHolds the connections held longer than the long-hold threshold right now
 * @param captured whether dbperf captures the statements run on this DataSource
 * @author dbperf
 * @since 0.1.0
 */
public record PoolReport(String name, String type, DatabaseFacts database, List<PoolSetting> settings,
		@Nullable PoolState state, long starvationCount, List<Starvation> starvations, List<ConnectionHolder> longHolds,
		boolean captured) {

}
