package io.github.dbperf.pool;

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

}
