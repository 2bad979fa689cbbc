/**
 * Pool tuning and the data-access advisor: tuned HikariCP, driver and Hibernate defaults,
 * findings about risky settings and a record of who holds connections when the pool runs
 * dry.
 */
@NullMarked
package io.github.dbperf.pool;

import org.jspecify.annotations.NullMarked;
