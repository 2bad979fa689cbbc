package io.github.dbperf.autoconfigure.cache;

import io.github.dbperf.cache.CacheTier;
import io.github.dbperf.cache.CaffeineCacheTier;
import io.github.dbperf.cache.InvalidationSubscriber;
import io.github.dbperf.cache.RedisCacheTier;
import io.github.dbperf.cache.RemoteTierStats;
import io.github.dbperf.cache.TwoLevelCacheTier;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The Redis and two-level tiers, when a {@link RedisConnectionFactory} bean exists,
 * {@code dbperf.cache.type} is {@code auto}, {@code redis} or {@code two-level}, and the
 * application defines no {@link CacheTier} of its own.
 *
 * @author dbperf
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({ RedisConnectionFactory.class, JsonMapper.class })
@ConditionalOnBean(RedisConnectionFactory.class)
@ConditionalOnMissingBean(CacheTier.class)
@Conditional(CacheTypeCondition.UsesRedis.class)
class RedisTierConfiguration {

	@Bean
	RedisCacheTier dbperfRedisCacheTier(RedisConnectionFactory connectionFactory, CacheProperties properties) {
		CacheProperties.Redis redis = properties.getRedis();
		return new RedisCacheTier(new StringRedisTemplate(connectionFactory), new RedisCacheTier.Settings(
				redis.getKeyPrefix(), redis.getCommandTimeout(), redis.getFailureThreshold(), redis.getOpenDuration()));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class MetricsConfiguration {

		@Bean
		MeterBinder dbperfRedisCacheMetrics(RedisCacheTier tier) {
			return (registry) -> {
				FunctionCounter.builder("dbperf.cache.redis.errors", tier, (t) -> t.remoteStats().errors())
					.description("Redis commands of the cache that failed or timed out")
					.register(registry);
				FunctionCounter.builder("dbperf.cache.redis.skipped", tier, (t) -> t.remoteStats().skipped())
					.description(
							"Redis commands skipped while the circuit breaker was open or every command thread was busy")
					.tag("reason", "breaker-open")
					.register(registry);
				FunctionCounter.builder("dbperf.cache.redis.skipped", tier, (t) -> t.remoteStats().saturated())
					.description(
							"Redis commands skipped while the circuit breaker was open or every command thread was busy")
					.tag("reason", "queue-full")
					.register(registry);
				Gauge.builder("dbperf.cache.redis.evictions.pending", tier, (t) -> t.remoteStats().pendingEvictions())
					.description("Evictions that failed and are retried once Redis answers again")
					.register(registry);
				Gauge
					.builder("dbperf.cache.redis.breaker.open", tier,
							(t) -> (t.remoteStats().state() == RemoteTierStats.BreakerState.CLOSED) ? 0 : 1)
					.description("1 while Redis is skipped or probed after failures, else 0")
					.register(registry);
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(CacheTypeCondition.TwoLevel.class)
	static class TwoLevelConfiguration {

		@Bean
		@Primary
		TwoLevelCacheTier dbperfTwoLevelCacheTier(RedisCacheTier remote, CacheProperties properties) {
			return new TwoLevelCacheTier(new CaffeineCacheTier(properties.getLocal().getMaximumSize()), remote,
					properties.getRedis().getKeyPrefix() + "invalidate");
		}

		@Bean
		@ConditionalOnMissingBean
		InvalidationSubscriber dbperfCacheInvalidationSubscriber(RedisConnectionFactory connectionFactory,
				TwoLevelCacheTier tier, CacheProperties properties) {
			return new InvalidationSubscriber(connectionFactory, tier,
					properties.getRedis().getSubscriptionRetryInterval());
		}

	}

}
