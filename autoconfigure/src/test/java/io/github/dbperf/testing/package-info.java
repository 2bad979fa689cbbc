/**
 * Real servers for tests: PostgreSQL and Redis started once per JVM from Maven artifacts,
 * and the local MariaDB when reachable.
 */
@NullMarked
package io.github.dbperf.testing;

import org.jspecify.annotations.NullMarked;
