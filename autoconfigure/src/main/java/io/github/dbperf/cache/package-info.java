/**
 * {@code @CachedQuery}: a method cache with per-annotation TTL on Caffeine, Redis or
 * both, invalidated when the tables it read are written, safe when Redis fails.
 */
@NullMarked
package io.github.dbperf.cache;

import org.jspecify.annotations.NullMarked;
