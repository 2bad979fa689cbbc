package io.github.dbperf.pool;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.jspecify.annotations.Nullable;

/**
 * A live snapshot of a pool.
 *
 * @param active connections in use
 * @param idle connections waiting in the pool
 * @param pending threads waiting for a connection
 * @param total connections open
 * @param max the most connections the pool opens
 * @author dbperf
 * @since 0.1.0
 */
public record PoolState(int active, int idle, int pending, int total, int max) {

	/**
	 * Take a snapshot of a pool.
	 * @param hikari the pool
	 * @return the snapshot, or {@code null} before the pool started
	 */
	public static @Nullable PoolState of(HikariDataSource hikari) {
		HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
		if (pool == null) {
			return null;
		}
		return new PoolState(pool.getActiveConnections(), pool.getIdleConnections(),
				pool.getThreadsAwaitingConnection(), pool.getTotalConnections(), hikari.getMaximumPoolSize());
	}

}
