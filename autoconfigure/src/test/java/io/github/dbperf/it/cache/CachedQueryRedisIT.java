package io.github.dbperf.it.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.cache.CacheAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.autoconfigure.query.QueryAutoConfiguration;
import io.github.dbperf.cache.CacheTier;
import io.github.dbperf.cache.InvalidationSubscriber;
import io.github.dbperf.cache.QueryCacheManager;
import io.github.dbperf.cache.RedisCacheTier;
import io.github.dbperf.cache.TwoLevelCacheTier;
import io.github.dbperf.testing.TestPostgres;
import io.github.dbperf.testing.TestRedis;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnection;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @CachedQuery} on Redis and two-level against a real Redis and PostgreSQL: tier
 * choice, outage and recovery, and invalidation reaching a second application context.
 */
class CachedQueryRedisIT {

	private static final String DATABASE = TestPostgres.newDatabase("rediscache");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues(TestPostgres.properties(DATABASE))
		.withPropertyValues(TestRedis.properties())
		.withPropertyValues("dbperf.cache.redis.key-prefix=dbperf-it:", "dbperf.cache.redis.open-duration=300ms",
				"dbperf.cache.redis.failure-threshold=2")
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
				DataRedisAutoConfiguration.class, DbperfAutoConfiguration.class, JdbcCaptureAutoConfiguration.class,
				QueryAutoConfiguration.class, CacheAutoConfiguration.class))
		.withUserConfiguration(CategoryService.Configuration.class);

	@Test
	void whenARedisConnectionFactoryExistsThenAutoUsesRedis() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(CacheTier.class)).isInstanceOf(RedisCacheTier.class);
			CategoryService service = seeded(context);
			assertThat(service.categories()).hasSize(3);
			assertThat(service.categories()).hasSize(3);
			assertThat(service.computations()).hasValue(1);
			assertThat(context.getBean(StringRedisTemplate.class).keys("dbperf-it:CategoryService.categories:*"))
				.hasSize(1);
		});
	}

	@Test
	void whenRedisIsKilledAndRestartedThenEveryCallSucceedsAndCachingResumes() {
		this.contextRunner.run((context) -> {
			CategoryService service = seeded(context);
			service.categories();
			TestRedis.stop();
			try {
				for (int i = 0; i < 10; i++) {
					assertThat(service.categories()).hasSize(3);
				}
				assertThat(context.getBean(RedisCacheTier.class).remoteStats().errors()).isPositive();
				assertThat(context.getBean(QueryCacheManager.class).remoteStats().errors()).isPositive();
				SimpleMeterRegistry registry = new SimpleMeterRegistry();
				context.getBean("dbperfRedisCacheMetrics", MeterBinder.class).bindTo(registry);
				assertThat(registry.get("dbperf.cache.redis.errors").functionCounter().count()).isPositive();
			}
			finally {
				TestRedis.start();
			}
			await("a second call is served from Redis").atMost(Duration.ofSeconds(30)).until(() -> {
				service.categories();
				int now = service.computations().get();
				service.categories();
				return service.computations().get() == now;
			});
			int settled = service.computations().get();
			service.categories();
			// Not necessarily recomputed since the restart: Lettuce sends the SETs it
			// buffered during the outage once it reconnects
			assertThat(service.computations().get()).as("served from Redis again").isEqualTo(settled);
		});
	}

	@Test
	void whenTwoLevelAndASecondContextWritesThenTheFirstSeesTheEvictionAfterCommit() {
		ApplicationContextRunner twoLevel = this.contextRunner.withPropertyValues("dbperf.cache.type=two-level");
		twoLevel.run((first) -> {
			assertThat(first.getBean(CacheTier.class)).isInstanceOf(TwoLevelCacheTier.class);
			awaitSubscribed(first);
			CategoryService reader = seeded(first);
			assertThat(reader.categories()).hasSize(3);
			twoLevel.run((second) -> {
				assertThat(second.getBean(CategoryService.class).categories()).as("shared through Redis").hasSize(3);
				assertThat(second.getBean(CategoryService.class).computations()).hasValue(0);
				JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
				new TransactionTemplate(second.getBean(PlatformTransactionManager.class)).executeWithoutResult(
						(status) -> jdbc.update("insert into category (id, name) values (4, 'games')"));
			});
			await("the eviction reached the first context").atMost(Duration.ofSeconds(30))
				.until(() -> reader.categories().size() == 4);
		});
	}

	@Test
	void whenRedisIsDownAtStartupThenTwoLevelStartsServesCallsAndSubscribesAtTheRetryIntervalOnceRedisIsBack() {
		TestRedis.stop();
		try {
			// The breaker's cool-down is far longer than the test: only the
			// subscription's
			// own retry interval can bring the subscription back in time
			this.contextRunner
				.withPropertyValues("dbperf.cache.type=two-level", "dbperf.cache.redis.open-duration=1h",
						"dbperf.cache.redis.subscription-retry-interval=200ms")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					CategoryService service = context.getBean(CategoryService.class).seed();
					assertThat(service.categories()).hasSize(3);
					assertThat(service.categories()).hasSize(3);
					assertThat(context.getBean(InvalidationSubscriber.class).isSubscribed()).isFalse();
					TestRedis.start();
					awaitSubscribed(context);
					assertThat(context.getBean(InvalidationSubscriber.class).isSubscribed()).isTrue();
				});
		}
		finally {
			TestRedis.start();
		}
	}

	@Test
	void whenRedisStopsBetweenACommitAndItsEvictionThenTheFirstReadAfterItAnswersIsFresh() {
		// A breaker that stays closed and a retry period longer than the test, so that
		// the stale entry is still in Redis when the first read comes
		this.contextRunner
			.withPropertyValues("dbperf.cache.redis.failure-threshold=100", "dbperf.cache.redis.open-duration=1m")
			.run((context) -> {
				CategoryService service = seeded(context);
				assertThat(service.categories()).hasSize(3);
				StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
				assertThat(redis.keys("dbperf-it:CategoryService.categories:*")).as("cached in Redis").hasSize(1);
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				try {
					new TransactionTemplate(context.getBean(PlatformTransactionManager.class))
						.executeWithoutResult((status) -> {
							jdbc.update("insert into category (id, name) values (4, 'games')");
							// Stopped after the write, before the commit evicts
							TestRedis.stopKeepingData();
						});
				}
				finally {
					TestRedis.start();
				}
				await().atMost(Duration.ofSeconds(30))
					.ignoreExceptions()
					.until(() -> "PONG".equals(redis.execute(RedisConnection::ping)));
				assertThat(redis.keys("dbperf-it:CategoryService.categories:*")).as("stale entry survived the outage")
					.hasSize(1);
				assertThat(service.categories()).as("first read after Redis answers again").hasSize(4);
				RedisCacheTier tier = context.getBean(RedisCacheTier.class);
				await().atMost(Duration.ofSeconds(30)).until(() -> tier.remoteStats().pendingEvictions() == 0);
				assertThat(service.categories()).hasSize(4);
			});
	}

	/**
	 * Wait until the context's subscriber is subscribed and Redis counts it on the
	 * channel: {@code isSubscribed} alone may come first, since the listener container
	 * stops waiting for the confirmation after a while, and a message published before
	 * Redis registered the subscription is lost.
	 */
	private static void awaitSubscribed(AssertableApplicationContext context) {
		InvalidationSubscriber subscriber = context.getBean(InvalidationSubscriber.class);
		String channel = context.getBean(TwoLevelCacheTier.class).channel();
		StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
		await("subscribed").atMost(Duration.ofSeconds(30))
			.until(() -> subscriber.isSubscribed() && subscribers(redis, channel) > 0);
	}

	private static long subscribers(StringRedisTemplate redis, String channel) throws Exception {
		try (RedisConnection connection = redis.getRequiredConnectionFactory().getConnection()) {
			Map<byte[], Long> counts = ((LettuceConnection) connection).getNativeConnection()
				.pubsubNumsub(channel.getBytes(StandardCharsets.UTF_8))
				.get(30, TimeUnit.SECONDS);
			return counts.values().stream().mapToLong(Long::longValue).sum();
		}
	}

	private static CategoryService seeded(AssertableApplicationContext context) {
		CategoryService service = context.getBean(CategoryService.class).seed();
		context.getBean(StringRedisTemplate.class).getConnectionFactory().getConnection().serverCommands().flushAll();
		return service;
	}

}
