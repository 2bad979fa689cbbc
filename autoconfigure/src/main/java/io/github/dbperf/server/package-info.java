/**
 * The database's own statistics per statement (PostgreSQL's pg_stat_statements, the
 * performance schema of MySQL and MariaDB), read below dbperf's capture and matched to
 * dbperf's fingerprints.
 */
@NullMarked
package io.github.dbperf.server;

import org.jspecify.annotations.NullMarked;
