/**
 * Auto-configuration for the query store, slow-query log, statement metrics and the
 * repository timer.
 */
@NullMarked
package io.github.dbperf.autoconfigure.query;

import org.jspecify.annotations.NullMarked;
