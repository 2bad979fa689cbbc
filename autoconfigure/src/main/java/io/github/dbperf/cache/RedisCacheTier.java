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
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * caller gets a miss, never an exception, and Redis is skipped for a cool-down. An
 * eviction that fails is kept and retried once Redis answers again; until then the
 * entries it was meant to remove are read as misses.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class RedisCacheTier implements CacheTier, DisposableBean {

	private static final Log logger = LogFactory.getLog(RedisCacheTier.class);

	private static final int SCAN_BATCH = 500;

	private static final int PENDING_LIMIT = 10_000;

	private static final long MIN_RETRY_MILLIS = 100;

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

	private final LongAdder saturated = new LongAdder();

	private final PendingEvictions pending;

	private final ScheduledExecutorService retries;

	private final long retryMillis;

	private final AtomicBoolean retryScheduled = new AtomicBoolean();

	private final AtomicBoolean retryRequested = new AtomicBoolean();

	private volatile boolean retrying;

	private volatile PendingEvictions.@Nullable Publication afterFullClear;

	/**
	 * Create a new tier.
	 * @param redis the template to use
	 * @param settings the settings
	 */
	public RedisCacheTier(StringRedisTemplate redis, Settings settings) {
		this(redis, settings, newExecutor(), PENDING_LIMIT);
	}

	RedisCacheTier(StringRedisTemplate redis, Settings settings, ThreadPoolExecutor executor, int pendingLimit) {
		this.redis = redis;
		this.mapper = JsonMapper.builder()
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
			.build();
		this.prefix = settings.keyPrefix();
		this.timeoutMillis = settings.commandTimeout().toMillis();
		this.breaker = new CircuitBreaker(settings.failureThreshold(), settings.openDuration());
		this.executor = executor;
		this.pending = new PendingEvictions(pendingLimit);
		this.retryMillis = Math.max(settings.openDuration().toMillis(), MIN_RETRY_MILLIS);
		CustomizableThreadFactory retryThreads = new CustomizableThreadFactory("dbperf-redis-retry-");
		retryThreads.setDaemon(true);
		this.retries = Executors.newSingleThreadScheduledExecutor(retryThreads);
		this.lettuceGets = LettuceGets.supports(redis.getRequiredConnectionFactory())
				? new LettuceGets(redis.getRequiredConnectionFactory(), this.executor, settings.commandTimeout())
				: null;
	}

	// Commands run here so that a caller never waits longer than the timeout, even while
	// the client connects or buffers commands for a server that is down
	static ThreadPoolExecutor newExecutor() {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("dbperf-redis-");
		threads.setDaemon(true);
		ThreadPoolExecutor executor = new ThreadPoolExecutor(4, 4, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256),
				threads, new ThreadPoolExecutor.AbortPolicy());
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	@Override
	public @Nullable CachedValue get(CacheDescriptor cache, CacheKey key) {
		String redisKey = redisKey(cache.name(), key);
		long completions = this.pending.completions();
		byte[] payload = fetch(redisKey.getBytes(StandardCharsets.UTF_8));
		CachedValue value = (payload != null) ? read(cache, payload) : null;
		// Pending first, completions second: a retry counts its completion before it
		// drops
		// the eviction, so one that finishes between the two checks is still seen
		if (value != null && ((!this.pending.isEmpty() && this.pending.affects(cache.name(), redisKey, value.tables()))
				|| this.pending.completions() != completions)) {
			// An eviction meant for this entry has not reached Redis yet, or reached it
			// only while this value was being read
			return null;
		}
		return value;
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
		PendingEvictions.Key eviction = new PendingEvictions.Key(redisKey(cache.name(), key));
		Long removed = call("UNLINK", () -> unlinkOne(eviction.redisKey()), false);
		if (removed == null) {
			keep(eviction);
			return 0;
		}
		return removed;
	}

	@Override
	public long clear(CacheDescriptor cache) {
		Long removed = call("SCAN", () -> unlinkMatching(this.prefix + cache.name() + ":*"), false);
		if (removed == null) {
			keep(new PendingEvictions.Cache(cache.name()));
			return 0;
		}
		return removed;
	}

	@Override
	public Map<String, Long> evictReading(Collection<String> tables) {
		if (tables.isEmpty()) {
			return Map.of();
		}
		List<String> indexes = tables.stream().map(this::tableKey).toList();
		Map<String, Long> removed = call("SMEMBERS", () -> unlinkIndexed(indexes), false);
		if (removed == null) {
			tables.forEach((table) -> keep(new PendingEvictions.Table(table)));
			return Map.of();
		}
		return removed;
	}

	private void evictOrKeep(PendingEvictions.Eviction eviction) {
		if (!run(eviction, false)) {
			keep(eviction);
		}
	}

	private Long unlinkOne(String redisKey) {
		return Boolean.TRUE.equals(this.redis.unlink(redisKey)) ? 1L : 0L;
	}

	private boolean run(PendingEvictions.Eviction eviction, boolean retry) {
		if (eviction instanceof PendingEvictions.Key key) {
			return call("UNLINK", () -> unlinkOne(key.redisKey()), retry) != null;
		}
		if (eviction instanceof PendingEvictions.Cache cache) {
			return call("SCAN", () -> unlinkMatching(this.prefix + cache.name() + ":*"), retry) != null;
		}
		if (eviction instanceof PendingEvictions.Table table) {
			return call("SMEMBERS", () -> unlinkIndexed(List.of(tableKey(table.name()))), retry) != null;
		}
		PendingEvictions.Publication publication = (PendingEvictions.Publication) eviction;
		return succeeded(call("PUBLISH", () -> {
			this.redis.convertAndSend(publication.channel(), publication.message());
			return Boolean.TRUE;
		}, retry));
	}

	/**
	 * Unlink the keys the given table indexes list, one cache at a time, so that UNLINK's
	 * replies count what each cache lost: a member of a table's key set may have expired
	 * already.
	 */
	private Map<String, Long> unlinkIndexed(List<String> indexes) {
		Map<String, Set<String>> keysByCache = new HashMap<>();
		for (String index : indexes) {
			Set<String> members = this.redis.opsForSet().members(index);
			if (members != null) {
				members.forEach(
						(key) -> keysByCache.computeIfAbsent(cacheOf(key), (cache) -> new LinkedHashSet<>()).add(key));
			}
		}
		this.redis.unlink(indexes);
		Map<String, Long> removed = new HashMap<>();
		keysByCache.forEach((cache, keys) -> removed.put(cache, count(this.redis.unlink(keys))));
		return removed;
	}

	private Long unlinkMatching(String pattern) {
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
	}

	private String cacheOf(String redisKey) {
		int end = redisKey.lastIndexOf(':');
		return (redisKey.startsWith(this.prefix) && end > this.prefix.length())
				? redisKey.substring(this.prefix.length(), end) : "";
	}

	private static long count(@Nullable Long removed) {
		return (removed != null) ? removed : 0;
	}

	private static boolean succeeded(@Nullable Boolean result) {
		return Boolean.TRUE.equals(result);
	}

	private void keep(PendingEvictions.Eviction eviction) {
		this.pending.add(eviction);
		scheduleRetry();
	}

	private void scheduleRetry() {
		if (this.retryScheduled.compareAndSet(false, true)) {
			try {
				this.retries.schedule(this::retryPeriodically, this.retryMillis, TimeUnit.MILLISECONDS);
			}
			catch (RejectedExecutionException ex) {
				// Shut down
				this.retryScheduled.set(false);
			}
		}
	}

	private void retryPeriodically() {
		this.retryScheduled.set(false);
		retryPending();
		if (!this.pending.isEmpty()) {
			scheduleRetry();
		}
	}

	private void retrySoon() {
		if (!this.retrying && !this.pending.isEmpty() && this.retryRequested.compareAndSet(false, true)) {
			try {
				this.retries.execute(() -> {
					this.retryRequested.set(false);
					retryPending();
				});
			}
			catch (RejectedExecutionException ex) {
				// Shut down
				this.retryRequested.set(false);
			}
		}
	}

	// Only ever on the retry thread
	private void retryPending() {
		this.retrying = true;
		try {
			long everything = this.pending.everything();
			if (everything != 0) {
				if (call("SCAN", () -> unlinkMatching(this.prefix + "*"), true) == null) {
					return;
				}
				PendingEvictions.Publication publication = this.afterFullClear;
				if (publication != null && !run(publication, true)) {
					return;
				}
				this.pending.everythingDone(everything);
			}
			for (Map.Entry<PendingEvictions.Eviction, Long> eviction : this.pending.snapshot()) {
				if (!run(eviction.getKey(), true)) {
					return;
				}
				this.pending.done(eviction.getKey(), eviction.getValue());
			}
		}
		finally {
			this.retrying = false;
		}
	}

	/**
	 * Set the message published after everything was cleared because more evictions
	 * failed than are kept.
	 * @param channel the channel
	 * @param message the message
	 */
	void publishAfterFullClear(String channel, String message) {
		this.afterFullClear = new PendingEvictions.Publication(channel, message);
	}

	@Override
	public String name() {
		return "redis";
	}

	/**
	 * Publish a message, with the same timeout and circuit breaker as every other
	 * command; kept and retried like an eviction when it fails.
	 * @param channel the channel
	 * @param message the message
	 */
	void publish(String channel, String message) {
		evictOrKeep(new PendingEvictions.Publication(channel, message));
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
	 * Return the tier's health: errors so far, calls skipped by the open breaker or a
	 * full queue, evictions waiting for Redis, and the breaker's state.
	 * @return the statistics
	 */
	public RemoteTierStats stats() {
		return new RemoteTierStats(this.errors.sum(), this.skipped.sum(), this.saturated.sum(), this.pending.size(),
				this.breaker.state());
	}

	private <T> @Nullable T call(String command, Callable<T> operation) {
		return call(command, operation, false);
	}

	private <T> @Nullable T call(String command, Callable<T> operation, boolean retry) {
		return guarded(command, () -> {
			Future<T> future = this.executor.submit(operation);
			try {
				return future.get(this.timeoutMillis, TimeUnit.MILLISECONDS);
			}
			catch (Exception ex) {
				future.cancel(true);
				throw ex;
			}
		}, retry);
	}

	private <T> @Nullable T guarded(String command, Callable<T> operation) {
		return guarded(command, operation, false);
	}

	/**
	 * Run a command behind the circuit breaker: skipped while it is open or the queue is
	 * full, counted and turned into {@code null} when it fails. Whatever happens, a probe
	 * resolves the breaker.
	 */
	private <T> @Nullable T guarded(String command, Callable<T> operation, boolean retry) {
		CircuitBreaker.Permit permit = this.breaker.allow();
		if (!permit.granted()) {
			if (!retry) {
				this.skipped.increment();
			}
			return null;
		}
		boolean resolved = false;
		try {
			T result = operation.call();
			this.breaker.success();
			resolved = true;
			retrySoon();
			return result;
		}
		catch (RejectedExecutionException ex) {
			// Redis is not at fault: every command thread is busy
			this.saturated.increment();
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		catch (Exception ex) {
			failed(command, ex);
			resolved = true;
			return null;
		}
		finally {
			if (!resolved) {
				this.breaker.abandon(permit);
			}
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
					+ " cannot be written as JSON, so it is not cached in Redis: " + ex.getClass().getSimpleName());
			return null;
		}
	}

	private @Nullable CachedValue read(CacheDescriptor cache, byte[] payload) {
		try {
			Envelope<?> envelope = this.mapper.readValue(payload, envelopeType(cache));
			if (!cache.version().equals(envelope.version())) {
				throw new IllegalStateException("payload version is not " + cache.version());
			}
			if (envelope.value() == null && (!cache.cacheNull() || isPrimitive(cache.returnType()))) {
				warnOnce("null:" + cache.name(), "An entry of " + cache.name()
						+ " in Redis holds null, which it does not cache (null results are not cached or it returns"
						+ " a primitive); it is treated as a miss");
				return null;
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

	private static boolean isPrimitive(Type type) {
		return type instanceof Class<?> raw && raw.isPrimitive();
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
		this.retries.shutdownNow();
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
