/**
 * Auto-configuration that feeds dbperf's captured statements to test recorders.
 */
@NullMarked
package io.github.dbperf.test.autoconfigure;

import org.jspecify.annotations.NullMarked;
