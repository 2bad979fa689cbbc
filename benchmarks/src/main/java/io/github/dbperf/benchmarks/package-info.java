/**
 * JMH benchmarks of what dbperf costs per statement.
 */
@NullMarked
package io.github.dbperf.benchmarks;

import org.jspecify.annotations.NullMarked;
