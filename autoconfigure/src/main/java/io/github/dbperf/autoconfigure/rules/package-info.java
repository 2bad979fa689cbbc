/**
 * Auto-configuration for the rule catalogue's settings:
 * {@code dbperf.rules.<id>.enabled}, {@code dbperf.rules.<id>.severity} and
 * {@code dbperf.rules.ignore[n]}.
 */
@NullMarked
package io.github.dbperf.autoconfigure.rules;

import org.jspecify.annotations.NullMarked;
