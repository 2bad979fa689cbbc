/**
 * Auto-configuration for statement capture.
 */
@NullMarked
package io.github.dbperf.autoconfigure.jdbc;

import org.jspecify.annotations.NullMarked;
