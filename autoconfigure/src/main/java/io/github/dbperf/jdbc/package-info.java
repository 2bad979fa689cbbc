/**
 * Statement capture: the DataSource, connection and statement wrappers (their plain
 * delegation to the driver is generated at build time), and the statement event every
 * feature consumes.
 */
@NullMarked
package io.github.dbperf.jdbc;

import org.jspecify.annotations.NullMarked;
