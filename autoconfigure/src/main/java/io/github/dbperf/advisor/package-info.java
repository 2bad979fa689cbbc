/**
 * The data-access advisor: reports each DataSource's pool settings, state and database
 * limits, and finds settings and mappings that will hurt (pool sizing and timeouts
 * against the database's limits, JPA batching, schema management, eager collections).
 * Reads the pool feature; no other feature reads it.
 */
@NullMarked
package io.github.dbperf.advisor;

import org.jspecify.annotations.NullMarked;
