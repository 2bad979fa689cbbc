package io.github.dbperf.cache;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Evicts {@link CachedQuery} entries by hand and reads their statistics.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class QueryCacheManager {

	private final CachedQueryOperations operations;

	private final CacheTier tier;

	/**
	 * Create a new manager.
	 * @param operations the annotated methods
	 * @param tier where values live
	 */
	public QueryCacheManager(CachedQueryOperations operations, CacheTier tier) {
		this.operations = operations;
		this.tier = tier;
	}

	/**
	 * Evict one entry.
	 * @param cache the cache name
	 * @param keyValues the method arguments, or the value of its key expression
	 * @return whether the cache is known
	 * @throws IllegalArgumentException when the key values are not exact key parts
	 */
	public boolean evict(String cache, @Nullable Object... keyValues) {
		CachedQueryOperation operation = this.operations.named(cache);
		if (operation == null) {
			return false;
		}
		CacheKey key = operation.keyOf((keyValues != null) ? keyValues : new Object[1]);
		operation.statistics().evictions.add(this.tier.evict(operation.descriptor(), key));
		return true;
	}

	/**
	 * Evict every entry of one cache.
	 * @param cache the cache name
	 * @return whether the cache is known
	 */
	public boolean clear(String cache) {
		CachedQueryOperation operation = this.operations.named(cache);
		if (operation == null) {
			return false;
		}
		operation.statistics().evictions.add(this.tier.clear(operation.descriptor()));
		return true;
	}

	/**
	 * Evict every entry of every cache.
	 */
	public void clearAll() {
		for (CachedQueryOperation operation : this.operations.all()) {
			clear(operation.descriptor().name());
		}
	}

	/**
	 * Return the name of the tier values live in.
	 * @return the tier name, such as {@code caffeine}
	 */
	public String tier() {
		return this.tier.name();
	}

	/**
	 * Return the health of the remote tier, if any.
	 * @return errors, skipped calls and breaker state, or {@code null} without Redis
	 */
	public @Nullable RemoteTierStats remoteStats() {
		return this.tier.remoteStats();
	}

	/**
	 * Return every cache with its settings and statistics.
	 * @return the caches, by name
	 */
	public List<CacheInfo> caches() {
		return this.operations.all().stream().map((operation) -> {
			CacheDescriptor cache = operation.descriptor();
			CacheStatistics statistics = operation.statistics();
			long gets = statistics.hits() + statistics.misses();
			return new CacheInfo(cache.name(), InvalidCachedQueryException.describe(cache.method()), cache.ttl(),
					this.tier.name(), cache.autoInvalidate(), statistics.hits(), statistics.misses(),
					(gets > 0) ? (double) statistics.hits() / gets : 0, statistics.puts(), statistics.evictions(),
					statistics.earlyRefreshes(), statistics.loads(),
					(statistics.loads() > 0) ? statistics.loadNanos() / statistics.loads() / 1_000_000.0 : 0,
					statistics.errors(), statistics.skips());
		}).toList();
	}

	/**
	 * One cache.
	 *
	 * @param name the cache name
	 * @param method the annotated method
	 * @param ttl the time to live
	 * @param tier where values live
	 * @param autoInvalidate whether writes evict entries
	 * @param hits the hits
	 * @param misses the misses
	 * @param hitRatio hits over gets
	 * @param puts entries stored
	 * @param evictions entries removed before their time to live ran out: by a write's
	 * invalidation, by an explicit evict or clear
	 * @param earlyRefreshes early refreshes
	 * @param loads computations
	 * @param meanLoadMs mean computation time
	 * @param loadErrors computations that threw
	 * @param skips calls that ran without the cache because their key, condition or veto
	 * could not be evaluated exactly
	 */
	public record CacheInfo(String name, String method, Duration ttl, String tier, boolean autoInvalidate, long hits,
			long misses, double hitRatio, long puts, long evictions, long earlyRefreshes, long loads, double meanLoadMs,
			long loadErrors, long skips) {

	}

}
