/**
 * Auto-configuration for dbperf: wiring only, the library lives in the sibling packages.
 */
@NullMarked
package io.github.dbperf.autoconfigure;

import org.jspecify.annotations.NullMarked;
