package io.github.dbperf.cache;

import java.util.Collection;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Where cached values live: a local Caffeine cache, Redis, or both. Implementations never
 * throw: a failure is a miss (for {@code get}) or a no-op, counted and logged once. The
 * removing methods return how many entries they removed, for the {@code evictions}
 * statistic; a removal whose outcome is unknown (failed, timed out, skipped) counts none.
 *
 * @author dbperf
 * @since 0.1.0
 */
public interface CacheTier {

	/**
	 * Return the entry for a key.
	 * @param cache the cache
	 * @param key the key
	 * @return the entry, or {@code null} on a miss, an expired entry or any failure
	 */
	@Nullable CachedValue get(CacheDescriptor cache, CacheKey key);

	/**
	 * Store an entry until {@link CachedValue#expiresAtMillis()}.
	 * @param cache the cache
	 * @param key the key
	 * @param value the entry
	 */
	void put(CacheDescriptor cache, CacheKey key, CachedValue value);

	/**
	 * Remove one entry.
	 * @param cache the cache
	 * @param key the key
	 * @return the entries removed: 1, or 0 if there was none
	 */
	long evict(CacheDescriptor cache, CacheKey key);

	/**
	 * Remove every entry of one cache.
	 * @param cache the cache
	 * @return the entries removed
	 */
	long clear(CacheDescriptor cache);

	/**
	 * Remove every entry whose computation read one of the given tables.
	 * @param tables the written tables, lowercase and unqualified
	 * @return the entries removed, by cache name; caches with none removed may be absent
	 */
	Map<String, Long> evictReading(Collection<String> tables);

	/**
	 * Return a short name for endpoints and metrics, such as {@code caffeine}.
	 * @return the name
	 */
	String name();

	/**
	 * Return the health of the remote tier, if any.
	 * @return its statistics, or {@code null} for a local-only tier
	 */
	default @Nullable RemoteTierStats remoteStats() {
		return null;
	}

}
