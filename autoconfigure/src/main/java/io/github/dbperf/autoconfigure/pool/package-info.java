/**
 * Auto-configuration for pool tuning and the data-access advisor.
 */
@NullMarked
package io.github.dbperf.autoconfigure.pool;

import org.jspecify.annotations.NullMarked;
