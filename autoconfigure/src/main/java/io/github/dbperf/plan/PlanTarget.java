package io.github.dbperf.plan;

import java.util.function.IntSupplier;

import javax.sql.DataSource;

/**
 * Where plans of one DataSource's statements are asked for: the DataSource below dbperf's
 * capture (so the EXPLAIN is not captured itself) and how many idle connections its pool
 * has (a connection is borrowed only when that is above zero).
 *
 * @param dataSource the DataSource below the capture
 * @param idleConnections the pool's idle connections now, negative when unknown (then no
 * connection is borrowed)
 * @author dbperf
 * @since 0.2.0
 */
public record PlanTarget(DataSource dataSource, IntSupplier idleConnections) {

}
