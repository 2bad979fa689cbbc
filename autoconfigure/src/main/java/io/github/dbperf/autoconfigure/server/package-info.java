/**
 * Auto-configuration for the database's own statement statistics and the catalog checks.
 */
@NullMarked
package io.github.dbperf.autoconfigure.server;

import org.jspecify.annotations.NullMarked;
