/**
 * Auto-configuration for N+1 detection.
 */
@NullMarked
package io.github.dbperf.autoconfigure.nplusone;

import org.jspecify.annotations.NullMarked;
