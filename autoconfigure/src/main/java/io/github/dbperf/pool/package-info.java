/**
 * The connection pool: tuned HikariCP and driver defaults, each pool's effective settings
 * and live state, and a record of who holds connections when the pool runs dry.
 */
@NullMarked
package io.github.dbperf.pool;

import org.jspecify.annotations.NullMarked;
