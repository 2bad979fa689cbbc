package io.github.dbperf.cache;

import java.lang.reflect.Method;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.dbperf.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RedisCacheTier} and {@link TwoLevelCacheTier} against a real Redis.
 */
class RedisCacheTierTests {

	private LettuceConnectionFactory connectionFactory;

	private StringRedisTemplate redis;

	private RedisCacheTier tier;

	@BeforeEach
	void connect() {
		this.connectionFactory = TestRedis.connectionFactory();
		this.redis = new StringRedisTemplate(this.connectionFactory);
		this.redis.getConnectionFactory().getConnection().serverCommands().flushAll();
		this.tier = newTier(this.redis);
	}

	@AfterEach
	void disconnect() {
		this.tier.destroy();
		this.connectionFactory.destroy();
	}

	@Test
	void whenAGenericValueIsStoredThenItIsReadBackWithItsDeclaredType() throws Exception {
		CacheDescriptor cache = descriptor("categories", Duration.ofMinutes(1));
		CacheKey key = key(cache, 7L);
		this.tier.put(cache, key, value(List.of(new Category(1, "music"), new Category(2, "books")), "category"));
		CachedValue read = this.tier.get(cache, key);
		assertThat(read).isNotNull();
		assertThat(read.value()).isEqualTo(List.of(new Category(1, "music"), new Category(2, "books")));
		assertThat(read.tables()).containsExactly("category");
		String stored = this.redis.opsForValue().get(this.tier.redisKey("categories", key));
		assertThat(stored).startsWith("{\"version\":").doesNotContain("@class").doesNotContain("java.util");
		assertThat(this.tier.get(cache, key(cache, 8L))).isNull();
	}

	@Test
	void whenTheTtlPassesThenRedisForgetsTheEntry() throws Exception {
		CacheDescriptor cache = descriptor("categories", Duration.ofMillis(300));
		CacheKey key = key(cache, 1L);
		this.tier.put(cache, key, value(List.of(new Category(1, "music")), "category", 300));
		assertThat(this.tier.get(cache, key)).isNotNull();
		Thread.sleep(450);
		assertThat(this.tier.get(cache, key)).isNull();
	}

	@Test
	void whenAForeignOrTamperedPayloadIsInRedisThenItIsAMiss() throws Exception {
		CacheDescriptor cache = descriptor("categories", Duration.ofMinutes(1));
		CacheKey key = key(cache, 1L);
		String redisKey = this.tier.redisKey("categories", key);
		this.redis.opsForValue()
			.set(redisKey,
					"{\"version\":\"" + cache.version() + "\",\"value\":[{\"@class\":\"java.lang.ProcessBuilder\","
							+ "\"command\":[\"touch\",\"/tmp/pwned\"]}]}");
		assertThat(this.tier.get(cache, key)).isNull();
		this.redis.opsForValue().set(redisKey, "\u0000garbage");
		assertThat(this.tier.get(cache, key)).isNull();
		this.redis.opsForValue().set(redisKey, "{\"version\":\"other\",\"value\":[]}");
		assertThat(this.tier.get(cache, key)).isNull();
	}

	@Test
	void whenAValueCannotBeWrittenThenNothingIsStoredAndNothingThrows() throws Exception {
		CacheDescriptor cache = descriptor("categories", Duration.ofMinutes(1));
		CacheKey key = key(cache, 1L);
		this.tier.put(cache, key, value(List.of(new Object()), "category"));
		assertThat(this.redis.hasKey(this.tier.redisKey("categories", key))).isFalse();
	}

	@Test
	void whenACacheIsClearedThenOnlyItsKeysGoWithoutKeysCommand() throws Exception {
		CacheDescriptor cleared = descriptor("categories", Duration.ofMinutes(5));
		CacheDescriptor kept = descriptor("authors", Duration.ofMinutes(5));
		for (long i = 0; i < 1200; i++) {
			this.tier.put(cleared, key(cleared, i), value(List.of(new Category(i, "c")), "category"));
		}
		this.tier.put(kept, key(kept, 1L), value(List.of(new Category(1, "a")), "author"));
		this.tier.clear(cleared);
		assertThat(this.tier.get(cleared, key(cleared, 5L))).isNull();
		assertThat(this.redis.keys("dbperf-test:categories:*")).isEmpty();
		assertThat(this.tier.get(kept, key(kept, 1L))).isNotNull();
	}

	@Test
	void whenATableIsWrittenThenEntriesThatReadItAreEvictedAndOthersKept() throws Exception {
		CacheDescriptor cache = descriptor("categories", Duration.ofMinutes(5));
		this.tier.put(cache, key(cache, 1L), value(List.of(new Category(1, "a")), "category"));
		this.tier.put(cache, key(cache, 2L), value(List.of(new Category(2, "b")), "author"));
		this.tier.evictReading(Set.of("category"));
		assertThat(this.tier.get(cache, key(cache, 1L))).isNull();
		assertThat(this.tier.get(cache, key(cache, 2L))).isNotNull();
	}

	@Test
	void whenRedisStopsThenCallsReturnPromptlyAndCachingResumesAfterRestart() throws Exception {
		RedisCacheTier quick = new RedisCacheTier(this.redis,
				new RedisCacheTier.Settings("dbperf-test:", Duration.ofMillis(250), 3, Duration.ofMillis(500)));
		TwoLevelCacheTier twoLevel = new TwoLevelCacheTier(new CaffeineCacheTier(100), quick, "dbperf-test:invalidate");
		CacheDescriptor cache = descriptor("categories", Duration.ofMinutes(5));
		try {
			TestRedis.stop();
			for (long i = 0; i < 20; i++) {
				long started = System.nanoTime();
				quick.put(cache, key(cache, i), value(List.of(new Category(i, "c")), "category"));
				assertThat(quick.get(cache, key(cache, i))).isNull();
				// Invalidations run after commit on the writer's thread: publishing must
				// not wait for a Redis that is gone either
				twoLevel.evictReading(Set.of("category"));
				twoLevel.evict(cache, key(cache, i));
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
			}
			assertThat(quick.stats().state()).isEqualTo(CircuitBreaker.State.OPEN);
			assertThat(quick.stats().errors()).isGreaterThanOrEqualTo(3);
			assertThat(quick.stats().skipped()).isPositive();
		}
		finally {
			TestRedis.start();
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		CacheKey key = key(cache, 99L);
		while (quick.get(cache, key) == null && System.nanoTime() < deadline) {
			quick.put(cache, key, value(List.of(new Category(99, "back")), "category"));
			Thread.sleep(100);
		}
		assertThat(quick.get(cache, key)).isNotNull();
		assertThat(quick.stats().state()).isEqualTo(CircuitBreaker.State.CLOSED);
		quick.destroy();
	}

	@Test
	void whenRedisAcceptsButNeverAnswersThenConcurrentCallersEachWaitAboutTheTimeoutNotInTurn() throws Exception {
		try (ServerSocket silent = new ServerSocket(0)) {
			LettuceConnectionFactory factory = new LettuceConnectionFactory(
					new RedisStandaloneConfiguration("127.0.0.1", silent.getLocalPort()));
			factory.afterPropertiesSet();
			factory.start();
			// A breaker that never opens, so only the connection attempt decides
			RedisCacheTier silentTier = new RedisCacheTier(new StringRedisTemplate(factory),
					new RedisCacheTier.Settings("dbperf-test:", Duration.ofMillis(250), 1000, Duration.ofSeconds(10)));
			ExecutorService callers = Executors.newFixedThreadPool(20);
			try {
				CacheDescriptor cache = descriptor("categories", Duration.ofMinutes(5));
				List<Future<Duration>> waits = new ArrayList<>();
				for (long i = 0; i < 20; i++) {
					CacheKey key = key(cache, i);
					waits.add(callers.submit(() -> {
						long started = System.nanoTime();
						assertThat(silentTier.get(cache, key)).isNull();
						return Duration.ofNanos(System.nanoTime() - started);
					}));
				}
				for (Future<Duration> wait : waits) {
					assertThat(wait.get(10, TimeUnit.SECONDS)).isLessThan(Duration.ofSeconds(1));
				}
			}
			finally {
				callers.shutdownNow();
				silentTier.destroy();
				factory.destroy();
			}
		}
	}

	@Test
	void whenTwoInstancesShareRedisThenAnEvictionOnOneDropsTheLocalCopyOnTheOther() throws Exception {
		LettuceConnectionFactory otherFactory = TestRedis.connectionFactory();
		RedisCacheTier otherRemote = newTier(new StringRedisTemplate(otherFactory));
		TwoLevelCacheTier first = new TwoLevelCacheTier(new CaffeineCacheTier(100), this.tier,
				"dbperf-test:invalidate");
		TwoLevelCacheTier second = new TwoLevelCacheTier(new CaffeineCacheTier(100), otherRemote,
				"dbperf-test:invalidate");
		first.subscribed(true);
		InvalidationSubscriber subscriber = new InvalidationSubscriber(otherFactory, second, Duration.ofMillis(200));
		subscriber.start();
		long subscribed = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (!subscriber.isSubscribed() && System.nanoTime() < subscribed) {
			Thread.sleep(20);
		}
		try {
			CacheDescriptor cache = descriptor("categories", Duration.ofMinutes(5));
			CacheKey key = key(cache, 1L);
			first.put(cache, key, value(List.of(new Category(1, "a")), "category"));
			assertThat(second.get(cache, key)).as("read through Redis").isNotNull();
			assertThat(second.local().get(cache, key)).as("kept locally").isNotNull();
			Thread.sleep(300);
			first.evictReading(Set.of("category"));
			long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
			while (second.local().get(cache, key) != null && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			assertThat(second.local().get(cache, key)).as("local copy dropped by the message").isNull();
			assertThat(second.get(cache, key)).isNull();
		}
		finally {
			subscriber.stop();
			otherRemote.destroy();
			otherFactory.destroy();
		}
	}

	private static RedisCacheTier newTier(StringRedisTemplate redis) {
		return new RedisCacheTier(redis,
				new RedisCacheTier.Settings("dbperf-test:", Duration.ofSeconds(2), 5, Duration.ofSeconds(10)));
	}

	private static CachedValue value(Object value, String table) {
		return value(value, table, 60_000);
	}

	private static CachedValue value(Object value, String table, long ttlMillis) {
		long now = System.currentTimeMillis();
		return new CachedValue(value, now, now + ttlMillis, 1000, Set.of(table));
	}

	private static CacheKey key(CacheDescriptor cache, Object value) {
		return new CacheKey(cache.name(), cache.version(), new Object[] { value });
	}

	private static CacheDescriptor descriptor(String name, Duration ttl) throws NoSuchMethodException {
		Method method = RedisCacheTierTests.class.getDeclaredMethod("categories", long.class);
		return new CacheDescriptor(name, method, method.getGenericReturnType(), ttl, "v1", false, true);
	}

	List<Category> categories(long id) {
		return List.of();
	}

	record Category(long id, String name) {

	}

}
