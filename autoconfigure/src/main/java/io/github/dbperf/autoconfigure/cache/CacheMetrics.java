package io.github.dbperf.autoconfigure.cache;

import java.util.concurrent.TimeUnit;

import io.github.dbperf.cache.CacheStatistics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Registers a cache's meters in Spring's cache metric naming: {@code cache.gets} (result
 * hit or miss), {@code cache.puts}, {@code cache.evictions}, {@code cache.load} (result
 * success or failure) and {@code cache.load.duration}, plus {@code dbperf.cache.skips}
 * (calls that ran without the cache because their key could not be built exactly).
 *
 * @author dbperf
 * @since 0.1.0
 */
final class CacheMetrics {

	private CacheMetrics() {
	}

	static void bind(String cache, CacheStatistics statistics, MeterRegistry registry) {
		Tags tags = Tags.of("cache", cache, "cache.manager", "dbperf");
		FunctionCounter.builder("cache.gets", statistics, CacheStatistics::hits)
			.tags(tags)
			.tag("result", "hit")
			.description("Cache hits")
			.register(registry);
		FunctionCounter.builder("cache.gets", statistics, CacheStatistics::misses)
			.tags(tags)
			.tag("result", "miss")
			.description("Cache misses")
			.register(registry);
		FunctionCounter.builder("cache.puts", statistics, CacheStatistics::puts)
			.tags(tags)
			.description("Entries stored")
			.register(registry);
		FunctionCounter.builder("cache.evictions", statistics, CacheStatistics::evictions)
			.tags(tags)
			.description("Entries removed by invalidation or an explicit evict or clear")
			.register(registry);
		FunctionCounter.builder("cache.load", statistics, (s) -> s.loads() - s.errors())
			.tags(tags)
			.tag("result", "success")
			.description("Computations of the method")
			.register(registry);
		FunctionCounter.builder("cache.load", statistics, CacheStatistics::errors)
			.tags(tags)
			.tag("result", "failure")
			.description("Computations of the method that threw")
			.register(registry);
		FunctionCounter.builder("dbperf.cache.skips", statistics, CacheStatistics::skips)
			.tags(tags)
			.description("Calls that ran without the cache because their key could not be built exactly")
			.register(registry);
		FunctionTimer
			.builder("cache.load.duration", statistics, CacheStatistics::loads, CacheStatistics::loadNanos,
					TimeUnit.NANOSECONDS)
			.tags(tags)
			.description("Time spent computing")
			.register(registry);
	}

}
