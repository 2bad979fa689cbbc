/**
 * Auto-configuration of plan capture and index advice.
 */
@NullMarked
package io.github.dbperf.autoconfigure.plan;

import org.jspecify.annotations.NullMarked;
