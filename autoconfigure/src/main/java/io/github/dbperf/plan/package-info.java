/**
 * Execution plans of slow fingerprints, captured without executing them, and the index
 * advice read from those plans.
 */
@NullMarked
package io.github.dbperf.plan;

import org.jspecify.annotations.NullMarked;
