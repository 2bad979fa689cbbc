package io.github.dbperf.cache;

import java.util.Collection;

import org.jspecify.annotations.Nullable;

/**
 * Where cached values live: a local Caffeine cache, Redis, or both. Implementations never
 * throw: a failure is a miss (for {@code get}) or a no-op, counted and logged once.
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
	 */
	void evict(CacheDescriptor cache, CacheKey key);

	/**
	 * Remove every entry of one cache.
	 * @param cache the cache
	 */
	void clear(CacheDescriptor cache);

	/**
	 * Remove every entry whose computation read one of the given tables.
	 * @param tables the written tables, lowercase and unqualified
	 */
	void evictReading(Collection<String> tables);

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
