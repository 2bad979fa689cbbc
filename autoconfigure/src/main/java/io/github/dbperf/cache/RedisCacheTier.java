package io.github.dbperf.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadPoolExecutor;

import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The Redis tier: JSON values under {@code <prefix><cache>:<hash of the key>}, read back
 * with the method's declared generic return type ({@link RedisValueCodec}), and a set per
 * table of the keys that read it ({@link RedisEntries}). Every command runs with a short
 * timeout behind a {@link CircuitBreaker} ({@link RedisCommands}): when Redis is down or
 * slow the caller gets a miss, never an exception, and Redis is skipped for a cool-down.
 * An eviction that fails is kept and retried once Redis answers again
 * ({@link EvictionRetries}); until then the entries it was meant to remove are read as
 * misses.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class RedisCacheTier implements CacheTier, DisposableBean {

	private static final int PENDING_LIMIT = 10_000;

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final RedisValueCodec codec;

	private final RedisEntries entries;

	private final RedisCommands commands;

	private final PendingEvictions pending;

	private final EvictionRetries retries;

	private final @Nullable LettuceGets lettuceGets;

	/**
	 * Create a new tier.
	 * @param redis the template to use
	 * @param settings the settings
	 */
	public RedisCacheTier(StringRedisTemplate redis, Settings settings) {
		this(redis, settings, RedisCommands.newExecutor(), PENDING_LIMIT);
	}

	RedisCacheTier(StringRedisTemplate redis, Settings settings, ThreadPoolExecutor executor, int pendingLimit) {
		OnceLog log = new OnceLog(LogFactory.getLog(RedisCacheTier.class));
		this.redis = redis;
		this.keys = new RedisKeys(settings.keyPrefix());
		this.codec = new RedisValueCodec(log);
		this.entries = new RedisEntries(redis, this.keys);
		this.pending = new PendingEvictions(pendingLimit);
		this.retries = new EvictionRetries(this.pending, new RetriedEvictions(), settings.openDuration());
		this.commands = new RedisCommands(executor, settings.commandTimeout(),
				new CircuitBreaker(settings.failureThreshold(), settings.openDuration()), log, this.retries::soon);
		this.lettuceGets = LettuceGets.supports(redis.getRequiredConnectionFactory())
				? new LettuceGets(redis.getRequiredConnectionFactory(), executor, settings.commandTimeout()) : null;
	}

	@Override
	public @Nullable CachedValue get(CacheDescriptor cache, CacheKey key) {
		String entry = this.keys.entry(cache.name(), key);
		long completions = this.pending.completions();
		byte[] payload = fetch(entry.getBytes(StandardCharsets.UTF_8));
		CachedValue value = (payload != null) ? this.codec.read(cache, payload) : null;
		// Pending first, completions second: a retry counts its completion before it
		// drops the eviction, so one that finishes between the two checks is still seen
		if (value != null && ((!this.pending.isEmpty() && this.pending.affects(cache.name(), entry, value.tables()))
				|| this.pending.completions() != completions)) {
			// An eviction meant for this entry has not reached Redis yet, or reached it
			// only while this value was being read
			return null;
		}
		return value;
	}

	private byte @Nullable [] fetch(byte[] entry) {
		LettuceGets gets = this.lettuceGets;
		if (gets == null) {
			return this.commands.call("GET",
					() -> this.redis.execute((RedisConnection connection) -> connection.stringCommands().get(entry)),
					false);
		}
		// Lettuce bounds the wait itself, on the caller's thread
		return this.commands.guarded("GET", () -> gets.get(entry), false);
	}

	@Override
	public void put(CacheDescriptor cache, CacheKey key, CachedValue value) {
		String payload = this.codec.write(cache, value);
		long ttl = value.remainingMillis(System.currentTimeMillis());
		if (payload == null || ttl <= 0) {
			return;
		}
		String entry = this.keys.entry(cache.name(), key);
		Set<String> tables = cache.autoInvalidate() ? value.tables() : Set.of();
		this.commands.call("SET", () -> this.entries.store(entry, payload, ttl, tables), false);
	}

	@Override
	public long evict(CacheDescriptor cache, CacheKey key) {
		return evictOrKeep(new PendingEvictions.Key(this.keys.entry(cache.name(), key)));
	}

	@Override
	public long clear(CacheDescriptor cache) {
		return evictOrKeep(new PendingEvictions.Cache(cache.name()));
	}

	@Override
	public Map<String, Long> evictReading(Collection<String> tables) {
		if (tables.isEmpty()) {
			return Map.of();
		}
		Map<String, Long> removed = this.commands.call("SMEMBERS", () -> this.entries.unlinkReading(tables), false);
		if (removed == null) {
			tables.forEach((table) -> this.retries.keep(new PendingEvictions.Table(table)));
			return Map.of();
		}
		return removed;
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
	 * Set the message published after everything was cleared because more evictions
	 * failed than are kept.
	 * @param channel the channel
	 * @param message the message
	 */
	void publishAfterFullClear(String channel, String message) {
		this.retries.publishAfterFullClear(new PendingEvictions.Publication(channel, message));
	}

	private long evictOrKeep(PendingEvictions.Eviction eviction) {
		Long removed = run(eviction, false);
		if (removed == null) {
			this.retries.keep(eviction);
			return 0;
		}
		return removed;
	}

	/**
	 * Run an eviction.
	 * @return the entries it removed, or {@code null} when it did not reach Redis
	 */
	private @Nullable Long run(PendingEvictions.Eviction eviction, boolean retry) {
		if (eviction instanceof PendingEvictions.Key key) {
			return this.commands.call("UNLINK", () -> this.entries.unlink(key.redisKey()), retry);
		}
		if (eviction instanceof PendingEvictions.Cache cache) {
			return this.commands.call("SCAN", () -> this.entries.unlinkMatching(this.keys.everyEntryOf(cache.name())),
					retry);
		}
		if (eviction instanceof PendingEvictions.Table table) {
			Map<String, Long> removed = this.commands.call("SMEMBERS",
					() -> this.entries.unlinkReading(Set.of(table.name())), retry);
			return (removed != null) ? removed.values().stream().mapToLong(Long::longValue).sum() : null;
		}
		PendingEvictions.Publication publication = (PendingEvictions.Publication) eviction;
		Boolean published = this.commands.call("PUBLISH",
				() -> this.entries.publish(publication.channel(), publication.message()), retry);
		return Boolean.TRUE.equals(published) ? 0L : null;
	}

	/**
	 * Return the Redis key of an entry.
	 * @param cache the cache name
	 * @param key the key
	 * @return the Redis key
	 */
	String redisKey(String cache, CacheKey key) {
		return this.keys.entry(cache, key);
	}

	@Override
	public String name() {
		return "redis";
	}

	/**
	 * Return the tier's health: errors so far, calls skipped by the open breaker or a
	 * full queue, evictions waiting for Redis, and the breaker's state.
	 * @return the statistics
	 */
	@Override
	public RemoteTierStats remoteStats() {
		return this.commands.stats(this.pending.size());
	}

	@Override
	public void destroy() {
		if (this.lettuceGets != null) {
			this.lettuceGets.release();
		}
		this.retries.shutdown();
		this.commands.shutdown();
	}

	/**
	 * Settings of the Redis tier.
	 *
	 * @param keyPrefix the prefix of every key
	 * @param commandTimeout the longest wait for one command
	 * @param failureThreshold consecutive failures that open the breaker
	 * @param openDuration how long the breaker stays open, and how long failed evictions
	 * wait between retries (at least 100ms)
	 */
	public record Settings(String keyPrefix, Duration commandTimeout, int failureThreshold, Duration openDuration) {

	}

	/**
	 * Runs retried evictions, whose skips by the open breaker are not counted.
	 */
	private final class RetriedEvictions implements EvictionRetries.Evictions {

		@Override
		public boolean run(PendingEvictions.Eviction eviction) {
			return RedisCacheTier.this.run(eviction, true) != null;
		}

		@Override
		public boolean clearEverything() {
			return RedisCacheTier.this.commands.call("SCAN",
					() -> RedisCacheTier.this.entries.unlinkMatching(RedisCacheTier.this.keys.everything()),
					true) != null;
		}

	}

}
