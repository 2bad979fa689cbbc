package io.github.dbperf.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.github.dbperf.testing.TestRedis;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.connection.DefaultMessage;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link RedisCacheTier} and {@link TwoLevelCacheTier} against a real Redis.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisCacheTierIT {

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
		// Long enough that the put and the first read cannot straddle it
		CacheDescriptor cache = descriptor("categories", Duration.ofSeconds(2));
		CacheKey key = key(cache, 1L);
		String redisKey = this.tier.redisKey("categories", key);
		this.tier.put(cache, key, value(List.of(new Category(1, "music")), "category", 2000));
		assertThat(this.tier.get(cache, key)).isNotNull();
		assertThat(this.redis.getExpire(redisKey, TimeUnit.MILLISECONDS)).isPositive().isLessThanOrEqualTo(2000);
		await("Redis expires the entry").atMost(Duration.ofSeconds(30)).until(() -> !this.redis.hasKey(redisKey));
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
	void whenAGetterFailsWhileWritingThenTheWarningHoldsNoValueFromItsMessage(CapturedOutput output) throws Exception {
		CacheDescriptor cache = descriptor("leaky", Duration.ofMinutes(1));
		this.tier.put(cache, key(cache, 1L), value(List.of(new Leaky()), "category"));
		assertThat(output).contains("The result of leaky cannot be written as JSON").doesNotContain("secret-42");
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
		Duration timeout = Duration.ofMillis(250);
		RedisCacheTier quick = new RedisCacheTier(this.redis,
				new RedisCacheTier.Settings("dbperf-test:", timeout, 3, Duration.ofMillis(500)));
		TwoLevelCacheTier twoLevel = new TwoLevelCacheTier(new CaffeineCacheTier(100), quick, "dbperf-test:invalidate");
		CacheDescriptor cache = descriptor("categories", Duration.ofMinutes(5));
		try {
			TestRedis.stop();
			for (long i = 0; i < 20; i++) {
				long id = i;
				CacheKey key = key(cache, id);
				assertBounded(timeout, () -> quick.put(cache, key, value(List.of(new Category(id, "c")), "category")));
				assertBounded(timeout, () -> assertThat(quick.get(cache, key)).isNull());
				// Invalidations run after commit on the writer's thread: publishing must
				// not wait for a Redis that is gone either
				assertBounded(timeout, () -> twoLevel.evictReading(Set.of("category")));
				assertBounded(timeout, () -> twoLevel.evict(cache, key));
			}
			assertThat(quick.remoteStats().state()).isEqualTo(RemoteTierStats.BreakerState.OPEN);
			assertThat(quick.remoteStats().errors()).isGreaterThanOrEqualTo(3);
			assertThat(quick.remoteStats().skipped()).isPositive();
		}
		finally {
			TestRedis.start();
		}
		CacheKey key = key(cache, 99L);
		await("caching resumes").atMost(Duration.ofSeconds(30)).until(() -> {
			quick.put(cache, key, value(List.of(new Category(99, "back")), "category"));
			return quick.get(cache, key) != null;
		});
		assertThat(quick.remoteStats().state()).isEqualTo(RemoteTierStats.BreakerState.CLOSED);
		quick.destroy();
	}

	@Test
	void whenRedisAcceptsButNeverAnswersThenConcurrentCallersEachWaitAboutTheTimeoutNotInTurn() throws Exception {
		Duration timeout = Duration.ofMillis(500);
		int callers = 30;
		try (ServerSocket silent = new ServerSocket(0)) {
			LettuceConnectionFactory factory = new LettuceConnectionFactory(
					new RedisStandaloneConfiguration("127.0.0.1", silent.getLocalPort()));
			factory.afterPropertiesSet();
			factory.start();
			// A breaker that never opens, so only the connection attempt decides
			RedisCacheTier silentTier = new RedisCacheTier(new StringRedisTemplate(factory),
					new RedisCacheTier.Settings("dbperf-test:", timeout, 1000, Duration.ofSeconds(10)));
			ExecutorService threads = Executors.newFixedThreadPool(callers);
			try {
				CacheDescriptor cache = descriptor("categories", Duration.ofMinutes(5));
				CountDownLatch go = new CountDownLatch(1);
				List<Future<@Nullable CachedValue>> reads = new ArrayList<>();
				for (long i = 0; i < callers; i++) {
					CacheKey key = key(cache, i);
					reads.add(threads.submit(() -> {
						go.await();
						return silentTier.get(cache, key);
					}));
				}
				long started = System.nanoTime();
				go.countDown();
				for (Future<@Nullable CachedValue> read : reads) {
					assertThat(read.get(2, TimeUnit.MINUTES)).isNull();
				}
				// In turn, the last caller would get its miss after callers x timeout
				// (15s); side by side they all get it after about one timeout. A third
				// of the former (10 x timeout) leaves a loaded machine ample slack
				Duration inTurn = timeout.multipliedBy(callers);
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(inTurn.dividedBy(3));
			}
			finally {
				threads.shutdownNow();
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
		try {
			subscribe(subscriber, second);
			CacheDescriptor cache = descriptor("categories", Duration.ofMinutes(5));
			CacheKey key = key(cache, 1L);
			first.put(cache, key, value(List.of(new Category(1, "a")), "category"));
			assertThat(second.get(cache, key)).as("read through Redis").isNotNull();
			assertThat(second.local().get(cache, key)).as("kept locally").isNotNull();
			first.evictReading(Set.of("category"));
			await("local copy dropped by the message").atMost(Duration.ofSeconds(30))
				.until(() -> second.local().get(cache, key) == null);
			assertThat(second.get(cache, key)).isNull();
		}
		finally {
			subscriber.stop();
			otherRemote.destroy();
			otherFactory.destroy();
		}
	}

	@Test
	void whenAnInstanceEvictsOneKeyThenAnotherDropsOnlyThatKeyAndTheSenderSkipsItsOwnMessage() throws Exception {
		CacheDescriptor cache = descriptor("categories", Duration.ofMinutes(5));
		CacheKey evicted = key(cache, 1L);
		CacheKey kept = key(cache, 2L);
		try (Instances instances = new Instances()) {
			instances.putOnBoth(cache, evicted);
			instances.putOnBoth(cache, kept);
			instances.first.evict(cache, evicted);
			Message message = instances.published();
			await("the other instance dropped the key").atMost(Duration.ofSeconds(30))
				.until(() -> instances.second.local().get(cache, evicted) == null);
			assertWhatTheMessageDrops(instances, message, cache, evicted, cache, kept);
		}
	}

	@Test
	void whenAnInstanceClearsACacheThenAnotherDropsEveryKeyOfThatCacheOnlyAndTheSenderSkipsItsOwnMessage()
			throws Exception {
		CacheDescriptor cache = descriptor("categories", Duration.ofMinutes(5));
		CacheDescriptor otherCache = descriptor("authors", Duration.ofMinutes(5));
		CacheKey cleared = key(cache, 1L);
		CacheKey alsoCleared = key(cache, 2L);
		CacheKey kept = key(otherCache, 1L);
		try (Instances instances = new Instances()) {
			instances.putOnBoth(cache, cleared);
			instances.putOnBoth(cache, alsoCleared);
			instances.putOnBoth(otherCache, kept);
			instances.first.clear(cache);
			Message message = instances.published();
			await("the other instance dropped the cache").atMost(Duration.ofSeconds(30))
				.until(() -> instances.second.local().get(cache, cleared) == null
						&& instances.second.local().get(cache, alsoCleared) == null);
			assertWhatTheMessageDrops(instances, message, cache, cleared, otherCache, kept);
		}
	}

	/**
	 * Deliver a message the first instance published once more, synchronously: the second
	 * instance drops the dropped entry and keeps the kept one; the first, its sender,
	 * keeps a copy it stored again after publishing.
	 */
	private static void assertWhatTheMessageDrops(Instances instances, Message message, CacheDescriptor droppedCache,
			CacheKey dropped, CacheDescriptor keptCache, CacheKey kept) {
		assertThat(instances.second.local().get(keptCache, kept)).as("other entries kept").isNotNull();
		instances.second.local().put(droppedCache, dropped, value(List.of(new Category(1, "again")), "category"));
		instances.second.onMessage(message, null);
		assertThat(instances.second.local().get(droppedCache, dropped)).as("dropped by the message").isNull();
		assertThat(instances.second.local().get(keptCache, kept)).as("other entries kept").isNotNull();
		instances.first.local().put(droppedCache, dropped, value(List.of(new Category(1, "fresh")), "category"));
		instances.first.onMessage(message, null);
		assertThat(instances.first.local().get(droppedCache, dropped)).as("the sender skips its own message")
			.isNotNull();
	}

	@Test
	void whenAnInvalidationArrivesWhileAGetReadsRedisThenTheValueReadIsNotKeptLocally() throws Exception {
		TwoLevelCacheTier twoLevel = new TwoLevelCacheTier(new CaffeineCacheTier(100), this.tier,
				"dbperf-test:invalidate");
		twoLevel.subscribed(true);
		CacheDescriptor cache = descriptor("categories", Duration.ofMinutes(5));
		CacheKey key = key(cache, 1L);
		this.tier.put(cache, key, value(List.of(new Category(1, "a")), "category"));
		// Redis holds every command for a while: the reader's GET is in flight meanwhile
		this.redis.execute((RedisConnection connection) -> connection.execute("CLIENT", bytes("PAUSE"), bytes("800")));
		CompletableFuture<@Nullable CachedValue> read = new CompletableFuture<>();
		Thread reader = new Thread(() -> read.complete(twoLevel.get(cache, key)));
		reader.start();
		await()
			.until(() -> reader.getState() == Thread.State.TIMED_WAITING || reader.getState() == Thread.State.WAITING);
		twoLevel.onMessage(new DefaultMessage(bytes("dbperf-test:invalidate"),
				bytes("{\"sender\":\"another\",\"tables\":[\"category\"]}")), null);
		assertThat(read.get(30, TimeUnit.SECONDS)).as("read before the invalidation").isNotNull();
		assertThat(twoLevel.local().get(cache, key)).as("not kept locally").isNull();
	}

	@Test
	void whenAPayloadHoldsNullAndTheMethodDoesNotCacheNullsThenItIsAMiss() throws Exception {
		CacheDescriptor cache = descriptor("categories", Duration.ofMinutes(1));
		CacheKey key = key(cache, 1L);
		this.tier.put(cache, key, value(null, "category"));
		assertThat(this.redis.opsForValue().get(this.tier.redisKey("categories", key))).contains("\"value\":null");
		assertThat(this.tier.get(cache, key)).isNull();
	}

	@Test
	void whenAPayloadHoldsNullForAPrimitiveResultThenItIsAMissWhileANullableResultIsAHit() throws Exception {
		Method count = RedisCacheTierIT.class.getDeclaredMethod("count", long.class);
		CacheDescriptor primitive = new CacheDescriptor("count", count, count.getGenericReturnType(),
				Duration.ofMinutes(1), "v1", true, true);
		this.tier.put(primitive, key(primitive, 1L), value(null, "category"));
		assertThat(this.tier.get(primitive, key(primitive, 1L))).isNull();
		Method categories = RedisCacheTierIT.class.getDeclaredMethod("categories", long.class);
		CacheDescriptor nullable = new CacheDescriptor("nullable", categories, categories.getGenericReturnType(),
				Duration.ofMinutes(1), "v1", true, true);
		this.tier.put(nullable, key(nullable, 1L), value(null, "category"));
		CachedValue read = this.tier.get(nullable, key(nullable, 1L));
		assertThat(read).isNotNull();
		assertThat(read.value()).isNull();
	}

	@Test
	void whenTheProbeIsInterruptedThenTheBreakerLeavesHalfOpenAndALaterCallProbesAgain() throws Exception {
		Duration coolDown = Duration.ofMillis(200);
		RedisCacheTier probing = new RedisCacheTier(this.redis,
				new RedisCacheTier.Settings("dbperf-test:", Duration.ofSeconds(2), 1, coolDown));
		CacheDescriptor cache = descriptor("categories", Duration.ofMinutes(5));
		CacheKey key = key(cache, 1L);
		try {
			TestRedis.stop();
			long opened;
			try {
				assertThat(probing.get(cache, key)).isNull();
				assertThat(probing.remoteStats().state()).isEqualTo(RemoteTierStats.BreakerState.OPEN);
				opened = System.nanoTime();
			}
			finally {
				TestRedis.start();
			}
			awaitRedis();
			await("the cool-down has passed, so that the next call is the probe").atMost(Duration.ofSeconds(30))
				.until(() -> Duration.ofNanos(System.nanoTime() - opened).compareTo(coolDown) > 0);
			Thread.currentThread().interrupt();
			try {
				assertThat(probing.get(cache, key)).isNull();
			}
			finally {
				assertThat(Thread.interrupted()).as("interrupt kept").isTrue();
			}
			assertThat(probing.remoteStats().state()).isNotEqualTo(RemoteTierStats.BreakerState.HALF_OPEN);
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				probing.get(cache, key);
				assertThat(probing.remoteStats().state()).isEqualTo(RemoteTierStats.BreakerState.CLOSED);
			});
		}
		finally {
			probing.destroy();
		}
	}

	@Test
	void whenTheCommandQueueIsFullThenCallsAreCountedAsSaturatedAndTheBreakerStaysClosed() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		ThreadPoolExecutor busy = busyExecutor(release);
		RedisCacheTier saturated = new RedisCacheTier(this.redis,
				new RedisCacheTier.Settings("dbperf-test:", Duration.ofSeconds(2), 2, Duration.ofSeconds(30)), busy,
				100);
		CacheDescriptor cache = descriptor("categories", Duration.ofMinutes(5));
		CacheKey key = key(cache, 1L);
		try {
			for (int i = 0; i < 5; i++) {
				saturated.put(cache, key, value(List.of(new Category(1, "a")), "category"));
				assertThat(saturated.get(cache, key)).isNull();
			}
			assertThat(saturated.remoteStats().errors()).isZero();
			assertThat(saturated.remoteStats().saturated()).isEqualTo(10);
			assertThat(saturated.remoteStats().state()).isEqualTo(RemoteTierStats.BreakerState.CLOSED);
			release.countDown();
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				saturated.put(cache, key, value(List.of(new Category(1, "a")), "category"));
				assertThat(saturated.get(cache, key)).isNotNull();
			});
		}
		finally {
			release.countDown();
			saturated.destroy();
		}
	}

	@Test
	void whenOneGetTimesOutThenTheConnectionIsKeptForEveryCaller() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1));
		RedisCacheTier quick = new RedisCacheTier(this.redis,
				new RedisCacheTier.Settings("dbperf-test:", Duration.ofMillis(250), 5, Duration.ofSeconds(30)),
				executor, 100);
		CacheDescriptor cache = descriptor("categories", Duration.ofMinutes(5));
		CacheKey key = key(cache, 1L);
		try {
			quick.put(cache, key, value(List.of(new Category(1, "a")), "category"));
			assertThat(quick.get(cache, key)).as("connected").isNotNull();
			// From now on not even a new connection could be obtained
			executor.execute(() -> awaitQuietly(release));
			await().atMost(Duration.ofSeconds(30)).until(() -> executor.getActiveCount() == 1);
			executor.execute(() -> awaitQuietly(release));
			// Far longer than the timeout, so that the next GET surely comes while paused
			this.redis
				.execute((RedisConnection connection) -> connection.execute("CLIENT", bytes("PAUSE"), bytes("5000")));
			assertThat(quick.get(cache, key)).as("timed out").isNull();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> this.redis.hasKey(this.tier.redisKey("categories", key)));
			assertThat(quick.get(cache, key)).as("read on the same connection").isNotNull();
			assertThat(quick.remoteStats().errors()).isOne();
		}
		finally {
			release.countDown();
			quick.destroy();
		}
	}

	@Test
	void whenAnEvictionTimesOutWhileTheClientConnectsThenItIsRetriedOnceConnected() throws Exception {
		CacheDescriptor cache = descriptor("categories", Duration.ofMinutes(5));
		CacheKey key = key(cache, 1L);
		this.tier.put(cache, key, value(List.of(new Category(1, "stale")), "category"));
		String redisKey = this.tier.redisKey("categories", key);
		try (GatedRelay relay = new GatedRelay(TestRedis.port())) {
			LettuceConnectionFactory factory = new LettuceConnectionFactory(
					new RedisStandaloneConfiguration("127.0.0.1", relay.port()));
			factory.afterPropertiesSet();
			factory.start();
			RedisCacheTier fresh = new RedisCacheTier(new StringRedisTemplate(factory),
					new RedisCacheTier.Settings("dbperf-test:", Duration.ofMillis(250), 5, Duration.ofMillis(500)));
			try {
				fresh.evictReading(Set.of("category"));
				assertThat(this.redis.hasKey(redisKey)).as("not evicted while connecting").isTrue();
				relay.open();
				assertThat(fresh.get(cache, key)).as("first read once connected").isNull();
				await().atMost(Duration.ofSeconds(30)).until(() -> !this.redis.hasKey(redisKey));
			}
			finally {
				fresh.destroy();
				factory.destroy();
			}
		}
	}

	@Test
	void whenMoreEvictionsFailThanAreKeptThenTheWholeCacheIsClearedOnceRedisAnswers() throws Exception {
		RedisCacheTier bounded = new RedisCacheTier(this.redis,
				new RedisCacheTier.Settings("dbperf-test:", Duration.ofMillis(500), 100, Duration.ofMillis(300)),
				RedisCommands.newExecutor(), 3);
		CacheDescriptor cache = descriptor("categories", Duration.ofMinutes(5));
		try {
			for (long i = 0; i < 6; i++) {
				bounded.put(cache, key(cache, i), value(List.of(new Category(i, "stale")), "category"));
			}
			this.redis.opsForValue().set("other-application", "kept");
			TestRedis.stopKeepingData();
			try {
				for (long i = 0; i < 5; i++) {
					bounded.evict(cache, key(cache, i));
				}
			}
			finally {
				TestRedis.start();
			}
			awaitRedis();
			assertThat(bounded.get(cache, key(cache, 5L))).as("first read of an entry never evicted").isNull();
			await().atMost(Duration.ofSeconds(30)).until(() -> this.redis.keys("dbperf-test:*").isEmpty());
			assertThat(this.redis.opsForValue().get("other-application")).isEqualTo("kept");
		}
		finally {
			bounded.destroy();
		}
	}

	@Test
	void whenTheInvalidationSubscriptionReconnectsThenTheLocalTierIsCleared() throws Exception {
		TwoLevelCacheTier twoLevel = new TwoLevelCacheTier(new CaffeineCacheTier(100), this.tier,
				"dbperf-test:invalidate");
		InvalidationSubscriber subscriber = new InvalidationSubscriber(this.connectionFactory, twoLevel,
				Duration.ofMillis(200));
		CacheDescriptor cache = descriptor("categories", Duration.ofMinutes(5));
		CacheKey key = key(cache, 1L);
		try {
			subscribe(subscriber, twoLevel);
			twoLevel.put(cache, key, value(List.of(new Category(1, "a")), "category"));
			assertThat(twoLevel.local().get(cache, key)).isNotNull();
			TestRedis.stop();
			TestRedis.start();
			await().atMost(Duration.ofSeconds(30)).until(() -> twoLevel.local().get(cache, key) == null);
		}
		finally {
			TestRedis.start();
			subscriber.stop();
		}
	}

	/**
	 * Two two-level instances on this Redis: the first on the test's tier, the second
	 * subscribed to the invalidation channel, and a listener that keeps what is published
	 * on it.
	 */
	private final class Instances implements AutoCloseable {

		private static final String CHANNEL = "dbperf-test:invalidate";

		private static final String PING = "ping";

		private final LettuceConnectionFactory otherFactory = TestRedis.connectionFactory();

		private final RedisCacheTier otherRemote = newTier(new StringRedisTemplate(this.otherFactory));

		final TwoLevelCacheTier first = new TwoLevelCacheTier(new CaffeineCacheTier(100), RedisCacheTierIT.this.tier,
				CHANNEL);

		final TwoLevelCacheTier second = new TwoLevelCacheTier(new CaffeineCacheTier(100), this.otherRemote, CHANNEL);

		private final InvalidationSubscriber subscriber = new InvalidationSubscriber(this.otherFactory, this.second,
				Duration.ofMillis(200));

		private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();

		private final RedisMessageListenerContainer listener = new RedisMessageListenerContainer();

		Instances() throws Exception {
			this.first.subscribed(true);
			subscribe(this.subscriber, this.second);
			this.listener.setConnectionFactory(RedisCacheTierIT.this.connectionFactory);
			this.listener.addMessageListener((message, pattern) -> this.messages.add(message),
					new ChannelTopic(CHANNEL));
			this.listener.afterPropertiesSet();
			this.listener.start();
			// Published to both the second instance and the listener: both are subscribed
			await("listening").atMost(Duration.ofSeconds(30))
				.until(() -> RedisCacheTierIT.this.redis.convertAndSend(CHANNEL, PING) >= 2);
		}

		void putOnBoth(CacheDescriptor cache, CacheKey key) {
			this.first.put(cache, key, value(List.of(new Category(1, "a")), "category"));
			assertThat(this.second.get(cache, key)).as("read through Redis").isNotNull();
			assertThat(this.second.local().get(cache, key)).as("kept locally").isNotNull();
		}

		Message published() throws InterruptedException {
			while (true) {
				Message message = this.messages.poll(30, TimeUnit.SECONDS);
				assertThat(message).as("published").isNotNull();
				if (!PING.equals(new String(message.getBody(), StandardCharsets.UTF_8))) {
					return message;
				}
			}
		}

		@Override
		public void close() throws Exception {
			this.listener.stop();
			this.listener.destroy();
			this.subscriber.stop();
			this.otherRemote.destroy();
			this.otherFactory.destroy();
		}

	}

	private static RedisCacheTier newTier(StringRedisTemplate redis) {
		return new RedisCacheTier(redis,
				new RedisCacheTier.Settings("dbperf-test:", Duration.ofSeconds(2), 5, Duration.ofSeconds(10)));
	}

	/**
	 * Run a call and assert that it returned within a bound far above the command timeout
	 * (ten times, at least five seconds): it did not wait for Redis beyond its timeout,
	 * whatever a loaded machine adds to it.
	 */
	private static void assertBounded(Duration commandTimeout, Runnable call) {
		Duration bound = commandTimeout.multipliedBy(10);
		if (bound.compareTo(Duration.ofSeconds(5)) < 0) {
			bound = Duration.ofSeconds(5);
		}
		long started = System.nanoTime();
		call.run();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("bounded by the command timeout")
			.isLessThan(bound);
	}

	/**
	 * Start the subscriber and wait until the tier got the confirmation of the
	 * subscription, which clears its local tier. {@code isSubscribed} alone may come
	 * first, since the listener container stops waiting for the confirmation after a
	 * while: until it arrives, messages may be lost and a late confirmation could drop
	 * what a test keeps locally.
	 */
	private static void subscribe(InvalidationSubscriber subscriber, TwoLevelCacheTier tier) throws Exception {
		CacheDescriptor markers = descriptor("subscription-marker", Duration.ofMinutes(5));
		CacheKey marker = key(markers, 0L);
		tier.local().put(markers, marker, value(List.of(), "marker"));
		subscriber.start();
		await("subscribed").atMost(Duration.ofSeconds(30))
			.until(() -> subscriber.isSubscribed() && tier.local().get(markers, marker) == null);
	}

	private void awaitRedis() {
		await().atMost(Duration.ofSeconds(30))
			.ignoreExceptions()
			.until(() -> "PONG".equals(this.redis.execute(RedisConnection::ping)));
	}

	private static ThreadPoolExecutor busyExecutor(CountDownLatch release) {
		ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1));
		executor.execute(() -> awaitQuietly(release));
		executor.execute(() -> awaitQuietly(release));
		return executor;
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static CachedValue value(@Nullable Object value, String table) {
		return value(value, table, 60_000);
	}

	private static CachedValue value(@Nullable Object value, String table, long ttlMillis) {
		long now = System.currentTimeMillis();
		return new CachedValue(value, now, now + ttlMillis, 1000, Set.of(table));
	}

	private static CacheKey key(CacheDescriptor cache, Object value) {
		return new CacheKey(cache.name(), cache.version(), new Object[] { value });
	}

	private static CacheDescriptor descriptor(String name, Duration ttl) throws NoSuchMethodException {
		Method method = RedisCacheTierIT.class.getDeclaredMethod("categories", long.class);
		return new CacheDescriptor(name, method, method.getGenericReturnType(), ttl, "v1", false, true);
	}

	List<Category> categories(long id) {
		return List.of();
	}

	long count(long id) {
		return id;
	}

	record Category(long id, String name) {

	}

	static class Leaky {

		public String getCard() {
			throw new IllegalStateException("card secret-42 is invalid");
		}

	}

	/**
	 * A TCP relay to Redis that accepts connections at once but passes no byte until it
	 * is opened: a client that connects through it waits as while a connection is being
	 * established.
	 */
	static final class GatedRelay implements AutoCloseable {

		private final ServerSocket server = new ServerSocket(0);

		private final int target;

		private final CountDownLatch gate = new CountDownLatch(1);

		private final List<Socket> sockets = new CopyOnWriteArrayList<>();

		GatedRelay(int target) throws IOException {
			this.target = target;
			Thread acceptor = new Thread(this::accept, "relay-accept");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		int port() {
			return this.server.getLocalPort();
		}

		void open() {
			this.gate.countDown();
		}

		private void accept() {
			try {
				while (true) {
					Socket client = this.server.accept();
					this.sockets.add(client);
					Thread relay = new Thread(() -> relay(client), "relay");
					relay.setDaemon(true);
					relay.start();
				}
			}
			catch (IOException ex) {
				// Closed
			}
		}

		private void relay(Socket client) {
			try {
				this.gate.await();
				Socket redis = new Socket("127.0.0.1", this.target);
				this.sockets.add(redis);
				Thread back = new Thread(() -> pump(redis, client), "relay-back");
				back.setDaemon(true);
				back.start();
				pump(client, redis);
			}
			catch (IOException | InterruptedException ex) {
				// Closed
			}
		}

		private static void pump(Socket from, Socket to) {
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				in.transferTo(out);
			}
			catch (IOException ex) {
				// Closed
			}
		}

		@Override
		public void close() throws IOException {
			this.server.close();
			for (Socket socket : this.sockets) {
				socket.close();
			}
		}

	}

}
