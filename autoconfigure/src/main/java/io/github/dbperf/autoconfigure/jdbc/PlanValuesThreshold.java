package io.github.dbperf.autoconfigure.jdbc;

import java.time.Duration;

/**
 * Asks the JDBC capture to hold the bound values of executions at least this slow in
 * {@link io.github.dbperf.jdbc.StatementEvent#planValues()} when parameter capture is
 * off, for a consumer that asks the database for the statement's plan and never shows,
 * logs or keeps them. Without such a bean no values are held.
 *
 * @param threshold executions at least this slow get their values held
 * @author dbperf
 * @since 0.2.0
 */
public record PlanValuesThreshold(Duration threshold) {

}
