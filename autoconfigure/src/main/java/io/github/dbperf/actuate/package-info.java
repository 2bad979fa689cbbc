/**
 * Actuator endpoints: {@code dbperf}, {@code slowqueries} and {@code nplusone}.
 */
@NullMarked
package io.github.dbperf.actuate;

import org.jspecify.annotations.NullMarked;
