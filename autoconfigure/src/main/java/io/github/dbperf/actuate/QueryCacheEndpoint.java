package io.github.dbperf.actuate;

import java.util.List;

import io.github.dbperf.cache.QueryCacheManager;
import io.github.dbperf.cache.RemoteTierStats;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@link Endpoint @Endpoint} listing the {@code @CachedQuery} caches with their settings
 * and statistics, and clearing them.
 *
 * @author dbperf
 * @since 0.1.0
 */
@Endpoint(id = "querycache")
public class QueryCacheEndpoint {

	private final QueryCacheManager manager;

	/**
	 * Create a new endpoint.
	 * @param manager the cache manager
	 */
	public QueryCacheEndpoint(QueryCacheManager manager) {
		this.manager = manager;
	}

	@ReadOperation
	public QueryCachesDescriptor caches() {
		return new QueryCachesDescriptor(this.manager.tier(), this.manager.remoteStats(), this.manager.caches());
	}

	@DeleteOperation
	public void clearAll() {
		this.manager.clearAll();
	}

	@DeleteOperation
	public boolean clear(@Selector String name) {
		return this.manager.clear(name);
	}

	/**
	 * The endpoint's response.
	 *
	 * @param tier where values live
	 * @param redis the health of the Redis tier: errors, calls skipped while its circuit
	 * breaker was open, and the breaker's state; {@code null} without Redis
	 * @param caches the caches, by name
	 */
	public record QueryCachesDescriptor(String tier, @Nullable RemoteTierStats redis,
			List<QueryCacheManager.CacheInfo> caches) implements OperationResponseBody {

	}

}
