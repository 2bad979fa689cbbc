/**
 * Auto-configuration for {@code @CachedQuery}.
 */
@NullMarked
package io.github.dbperf.autoconfigure.cache;

import org.jspecify.annotations.NullMarked;
