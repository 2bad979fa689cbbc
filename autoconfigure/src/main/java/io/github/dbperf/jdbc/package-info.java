/**
 * Statement capture: the DataSource wrapper, the statement event every feature consumes,
 * and call-site resolution.
 */
@NullMarked
package io.github.dbperf.jdbc;

import org.jspecify.annotations.NullMarked;
