package io.github.dbperf.cache;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.TypeFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.ClassUtils;

/**
 * The Redis tier: JSON values under {@code <prefix><cache>:<hash of the key>}, read back
 * with the method's declared generic return type (no type information in the payload, no
 * Java serialization), and a set per table of the keys that read it. Every command runs
 * with a short timeout behind a {@link CircuitBreaker}: when Redis is down or slow the
 * caller gets a miss, never an exception, and Redis is skipped for a cool-down.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class RedisCacheTier implements CacheTier, DisposableBean {

	private static final Log logger = LogFactory.getLog(RedisCacheTier.class);

	private static final int SCAN_BATCH = 500;

	// A digest per thread: looking one up per call costs more than the GET's own garbage
	private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(RedisCacheTier::newSha256);

	private final StringRedisTemplate redis;

	private final JsonMapper mapper;

	private final String prefix;

	private final long timeoutMillis;

	private final CircuitBreaker breaker;

	private final ThreadPoolExecutor executor;

	private final Map<Type, JavaType> types = new ConcurrentHashMap<>();

	private final @Nullable LettuceGets lettuceGets;

	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	private final LongAdder errors = new LongAdder();

	private final LongAdder skipped = new LongAdder();

	/**
	 * Create a new tier.
	 * @param redis the template to use
	 * @param settings the settings
	 */
	public RedisCacheTier(StringRedisTemplate redis, Settings settings) {
		this.redis = redis;
		this.mapper = JsonMapper.builder()
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
			.build();
		this.prefix = settings.keyPrefix();
		this.timeoutMillis = settings.commandTimeout().toMillis();
		this.breaker = new CircuitBreaker(settings.failureThreshold(), settings.openDuration());
		// Commands run here so that a caller never waits longer than the timeout, even
		// while the client connects or buffers commands for a server that is down
		CustomizableThreadFactory threads = new CustomizableThreadFactory("dbperf-redis-");
		threads.setDaemon(true);
		this.executor = new ThreadPoolExecutor(4, 4, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256), threads,
				new ThreadPoolExecutor.AbortPolicy());
		this.executor.allowCoreThreadTimeOut(true);
		this.lettuceGets = LettuceGets.supports(redis.getRequiredConnectionFactory())
				? new LettuceGets(redis.getRequiredConnectionFactory(), this.executor, settings.commandTimeout())
				: null;
	}

	@Override
	public @Nullable CachedValue get(CacheDescriptor cache, CacheKey key) {
		byte[] redisKey = redisKey(cache.name(), key).getBytes(StandardCharsets.UTF_8);
		byte[] payload = fetch(redisKey);
		return (payload != null) ? read(cache, payload) : null;
	}

	private byte @Nullable [] fetch(byte[] redisKey) {
		LettuceGets gets = this.lettuceGets;
		if (gets == null) {
			return call("GET", () -> this.redis
				.execute((RedisConnection connection) -> connection.stringCommands().get(redisKey)));
		}
		// Lettuce bounds the wait itself, on the caller's thread
		return guarded("GET", () -> gets.get(redisKey));
	}

	@Override
	public void put(CacheDescriptor cache, CacheKey key, CachedValue value) {
		String payload = write(cache, value);
		long ttl = value.remainingMillis(System.currentTimeMillis());
		if (payload == null || ttl <= 0) {
			return;
		}
		String redisKey = redisKey(cache.name(), key);
		Set<String> tables = cache.autoInvalidate() ? value.tables() : Set.of();
		call("SET", () -> {
			this.redis.opsForValue().set(redisKey, payload, Duration.ofMillis(ttl));
			for (String table : tables) {
				String index = tableKey(table);
				this.redis.opsForSet().add(index, redisKey);
				this.redis.expire(index, Duration.ofMillis(Math.max(ttl, Duration.ofHours(1).toMillis())));
			}
			return Boolean.TRUE;
		});
	}

	@Override
	public long evict(CacheDescriptor cache, CacheKey key) {
		String redisKey = redisKey(cache.name(), key);
		return Boolean.TRUE.equals(call("UNLINK", () -> this.redis.unlink(redisKey))) ? 1 : 0;
	}

	@Override
	public long clear(CacheDescriptor cache) {
		String pattern = this.prefix + cache.name() + ":*";
		return count(call("SCAN", () -> {
			// Never KEYS: SCAN walks the keyspace in small steps without blocking Redis
			long removed = 0;
			List<String> batch = new ArrayList<>();
			try (Cursor<String> keys = this.redis
				.scan(ScanOptions.scanOptions().match(pattern).count(SCAN_BATCH).build())) {
				while (keys.hasNext()) {
					batch.add(keys.next());
					if (batch.size() == SCAN_BATCH) {
						removed += count(this.redis.unlink(batch));
						batch.clear();
					}
				}
			}
			if (!batch.isEmpty()) {
				removed += count(this.redis.unlink(batch));
			}
			return removed;
		}));
	}

	@Override
	public Map<String, Long> evictReading(Collection<String> tables) {
		List<String> indexes = tables.stream().map(this::tableKey).toList();
		Map<String, Long> removed = call("SMEMBERS", () -> {
			Map<String, Set<String>> keysByCache = new HashMap<>();
			for (String index : indexes) {
				Set<String> members = this.redis.opsForSet().members(index);
				if (members != null) {
					members.forEach((key) -> keysByCache.computeIfAbsent(cacheOf(key), (cache) -> new LinkedHashSet<>())
						.add(key));
				}
			}
			this.redis.unlink(indexes);
			return unlinkByCache(keysByCache);
		});
		return (removed != null) ? removed : Map.of();
	}

	/**
	 * Unlink keys one cache at a time, so that UNLINK's replies count what each cache
	 * lost: a member of a table's key set may have expired already.
	 */
	private Map<String, Long> unlinkByCache(Map<String, Set<String>> keysByCache) {
		Map<String, Long> removed = new HashMap<>();
		keysByCache.forEach((cache, keys) -> removed.put(cache, count(this.redis.unlink(keys))));
		return removed;
	}

	private String cacheOf(String redisKey) {
		int end = redisKey.lastIndexOf(':');
		return (redisKey.startsWith(this.prefix) && end > this.prefix.length())
				? redisKey.substring(this.prefix.length(), end) : "";
	}

	private static long count(@Nullable Long removed) {
		return (removed != null) ? removed : 0;
	}

	@Override
	public String name() {
		return "redis";
	}

	/**
	 * Publish a message, with the same timeout and circuit breaker as every other
	 * command.
	 * @param channel the channel
	 * @param message the message
	 */
	void publish(String channel, String message) {
		call("PUBLISH", () -> this.redis.convertAndSend(channel, message));
	}

	/**
	 * Return the Redis key of an entry.
	 * @param cache the cache name
	 * @param key the key
	 * @return the Redis key
	 */
	String redisKey(String cache, CacheKey key) {
		return this.prefix + cache + ":" + sha256(key.canonical());
	}

	private String tableKey(String table) {
		return this.prefix + "t:" + table;
	}

	/**
	 * Return the tier's health: errors so far, calls skipped by the open breaker, and the
	 * breaker's state.
	 * @return the statistics
	 */
	@Override
	public RemoteTierStats remoteStats() {
		return stats();
	}

	/**
	 * Return the tier's health: errors so far, calls skipped by the open breaker, and the
	 * breaker's state.
	 * @return the statistics
	 */
	public RemoteTierStats stats() {
		return new RemoteTierStats(this.errors.sum(), this.skipped.sum(), this.breaker.state());
	}

	private <T> @Nullable T call(String command, Callable<T> operation) {
		return guarded(command, () -> {
			Future<T> future = this.executor.submit(operation);
			try {
				return future.get(this.timeoutMillis, TimeUnit.MILLISECONDS);
			}
			catch (Exception ex) {
				future.cancel(true);
				throw ex;
			}
		});
	}

	/**
	 * Run a command behind the circuit breaker: skipped while it is open, counted and
	 * turned into {@code null} when it fails.
	 */
	private <T> @Nullable T guarded(String command, Callable<T> operation) {
		if (!this.breaker.allow()) {
			this.skipped.increment();
			return null;
		}
		try {
			T result = operation.call();
			this.breaker.success();
			return result;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		catch (Exception ex) {
			failed(command, ex);
			return null;
		}
	}

	private void failed(String command, Exception ex) {
		this.errors.increment();
		this.breaker.failure();
		warnOnce("redis:" + command + ":" + ex.getClass().getName(),
				"Redis " + command + " failed (" + ex.getClass().getSimpleName()
						+ "); the call went to the method instead. Redis state: " + this.breaker.state());
	}

	private @Nullable String write(CacheDescriptor cache, CachedValue value) {
		try {
			return this.mapper.writeValueAsString(new Envelope<>(cache.version(), value.createdAtMillis(),
					value.expiresAtMillis(), value.computeNanos(), value.tables(), value.value()));
		}
		catch (RuntimeException ex) {
			warnOnce("write:" + cache.name(), "The result of " + cache.name()
					+ " cannot be written as JSON, so it is not cached in Redis: " + ex.getMessage());
			return null;
		}
	}

	private @Nullable CachedValue read(CacheDescriptor cache, byte[] payload) {
		try {
			Envelope<?> envelope = this.mapper.readValue(payload, envelopeType(cache));
			if (!cache.version().equals(envelope.version())) {
				throw new IllegalStateException("payload version is not " + cache.version());
			}
			Set<String> tables = (envelope.tables() != null) ? envelope.tables() : Set.of();
			return new CachedValue(envelope.value(), envelope.created(), envelope.expires(), envelope.computeNanos(),
					tables);
		}
		catch (RuntimeException ex) {
			warnOnce("read:" + cache.name(),
					"An entry of " + cache.name()
							+ " in Redis is not what dbperf wrote (tampered, foreign or from an older version); it is"
							+ " treated as a miss: " + ex.getClass().getSimpleName());
			return null;
		}
	}

	private JavaType envelopeType(CacheDescriptor cache) {
		return this.types.computeIfAbsent(cache.returnType(), (type) -> {
			Type boxed = (type instanceof Class<?> raw) ? ClassUtils.resolvePrimitiveIfNecessary(raw) : type;
			TypeFactory factory = this.mapper.getTypeFactory();
			return factory.constructParametricType(Envelope.class, factory.constructType(boxed));
		});
	}

	private void warnOnce(String key, String message) {
		if (this.warned.size() < 1000 && this.warned.add(key)) {
			logger.warn(message);
		}
	}

	private static String sha256(String text) {
		byte[] digest = SHA256.get().digest(text.getBytes(StandardCharsets.UTF_8));
		return HexFormat.of().formatHex(digest, 0, 16);
	}

	private static MessageDigest newSha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void destroy() {
		if (this.lettuceGets != null) {
			this.lettuceGets.release();
		}
		this.executor.shutdownNow();
	}

	/**
	 * Settings of the Redis tier.
	 *
	 * @param keyPrefix the prefix of every key
	 * @param commandTimeout the longest wait for one command
	 * @param failureThreshold consecutive failures that open the breaker
	 * @param openDuration how long the breaker stays open
	 */
	public record Settings(String keyPrefix, Duration commandTimeout, int failureThreshold, Duration openDuration) {

	}

	/**
	 * What is stored in Redis: the value with what is needed to expire, refresh and
	 * invalidate it, and the payload version it was written with.
	 *
	 * @param <T> the value type
	 * @param version the payload version
	 * @param created when the value was computed (epoch milliseconds)
	 * @param expires when it expires (epoch milliseconds)
	 * @param computeNanos how long the computation took
	 * @param tables the tables it read
	 * @param value the value
	 */
	record Envelope<T>(String version, long created, long expires, long computeNanos, @Nullable Set<String> tables,
			@Nullable T value) {

	}

}
