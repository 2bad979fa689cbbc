/**
 * Auto-configuration for dbperf's actuator endpoints.
 */
@NullMarked
package io.github.dbperf.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
