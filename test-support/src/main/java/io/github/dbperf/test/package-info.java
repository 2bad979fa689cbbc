/**
 * Query-count and N+1 assertions for tests: {@link io.github.dbperf.test.QueryRecorder},
 * AssertJ assertions and JUnit 5 annotations.
 */
@NullMarked
package io.github.dbperf.test;

import org.jspecify.annotations.NullMarked;
