/**
 * N+1 detection: units of work, the repeated-select rule, naming the association and the
 * fix, and reporting.
 */
@NullMarked
package io.github.dbperf.nplusone;

import org.jspecify.annotations.NullMarked;
