package io.github.dbperf.cache;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import org.jspecify.annotations.Nullable;

/**
 * The local tier: one bounded Caffeine cache for every {@link CachedQuery}, each entry
 * expiring at its own time, with an index from table to the keys whose computation read
 * it.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class CaffeineCacheTier implements CacheTier {

	private final Cache<CacheKey, CachedValue> cache;

	private final Map<String, Set<CacheKey>> keysByTable = new ConcurrentHashMap<>();

	/**
	 * Create a new tier.
	 * @param maximumSize the most entries kept across all caches
	 */
	public CaffeineCacheTier(long maximumSize) {
		this.cache = Caffeine.newBuilder()
			.maximumSize(maximumSize)
			.expireAfter(new UntilExpiry())
			.removalListener((@Nullable CacheKey key, @Nullable CachedValue value, RemovalCause cause) -> {
				// A replaced entry's key is indexed again by the put that replaced it
				if (key != null && value != null && cause != RemovalCause.REPLACED) {
					unindex(key, value);
				}
			})
			.build();
	}

	@Override
	public @Nullable CachedValue get(CacheDescriptor cache, CacheKey key) {
		return this.cache.getIfPresent(key);
	}

	@Override
	public void put(CacheDescriptor cache, CacheKey key, CachedValue value) {
		if (cache.autoInvalidate()) {
			for (String table : value.tables()) {
				this.keysByTable.computeIfAbsent(table, (name) -> ConcurrentHashMap.newKeySet()).add(key);
			}
		}
		this.cache.put(key, value);
	}

	@Override
	public long evict(CacheDescriptor cache, CacheKey key) {
		return (this.cache.asMap().remove(key) != null) ? 1 : 0;
	}

	@Override
	public long clear(CacheDescriptor cache) {
		return evictWhere((key) -> key.cache().equals(cache.name()));
	}

	@Override
	public Map<String, Long> evictReading(Collection<String> tables) {
		Map<String, Long> removed = new HashMap<>();
		for (String table : tables) {
			Set<CacheKey> keys = this.keysByTable.remove(table);
			if (keys != null) {
				for (CacheKey key : keys) {
					if (this.cache.asMap().remove(key) != null) {
						removed.merge(key.cache(), 1L, Long::sum);
					}
				}
			}
		}
		return removed;
	}

	/**
	 * Remove every entry whose key matches.
	 * @param matching which keys to remove
	 * @return the entries removed
	 */
	long evictWhere(Predicate<CacheKey> matching) {
		long removed = 0;
		for (CacheKey key : this.cache.asMap().keySet()) {
			if (matching.test(key) && this.cache.asMap().remove(key) != null) {
				removed++;
			}
		}
		return removed;
	}

	/**
	 * Remove every entry of every cache.
	 */
	public void clearAll() {
		this.cache.invalidateAll();
	}

	/**
	 * Return how many entries are held.
	 * @return the estimated size
	 */
	public long size() {
		return this.cache.estimatedSize();
	}

	@Override
	public String name() {
		return "caffeine";
	}

	private void unindex(CacheKey key, CachedValue value) {
		for (String table : value.tables()) {
			Set<CacheKey> keys = this.keysByTable.get(table);
			if (keys != null) {
				keys.remove(key);
			}
		}
	}

	private static final class UntilExpiry implements Expiry<CacheKey, CachedValue> {

		@Override
		public long expireAfterCreate(CacheKey key, CachedValue value, long currentTime) {
			return TimeUnit.MILLISECONDS.toNanos(Math.max(0, value.remainingMillis(System.currentTimeMillis())));
		}

		@Override
		public long expireAfterUpdate(CacheKey key, CachedValue value, long currentTime, long currentDuration) {
			return expireAfterCreate(key, value, currentTime);
		}

		@Override
		public long expireAfterRead(CacheKey key, CachedValue value, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

}
