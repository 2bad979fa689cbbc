package io.github.dbperf.cache;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.SubscriptionListener;

/**
 * Caffeine in front of Redis: a local hit costs a local lookup; a local miss reads Redis
 * and keeps the entry locally for what is left of its time to live. Evictions and
 * invalidations apply to both tiers and are published on a Redis channel, so the other
 * instances drop their local copies. A message that cannot be published is retried with
 * the failed evictions; and since messages sent while this instance was not subscribed
 * are lost, every (re)subscription clears the local tier.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class TwoLevelCacheTier implements CacheTier, MessageListener, SubscriptionListener {

	private static final Log logger = LogFactory.getLog(TwoLevelCacheTier.class);

	private final CaffeineCacheTier local;

	private final RedisCacheTier remote;

	private final String channel;

	private final String sender = UUID.randomUUID().toString();

	/**
	 * Counts invalidations of the local tier, each counted after the entries left Redis
	 * and before they leave the local tier: a value read from Redis is kept locally only
	 * when no invalidation was counted since before the read.
	 */
	private final AtomicLong invalidations = new AtomicLong();

	private volatile boolean subscribed;

	private final JsonMapper mapper = JsonMapper.builder().build();

	/**
	 * Create a new tier.
	 * @param local the local tier
	 * @param remote the Redis tier
	 * @param channel the channel they are published on
	 */
	public TwoLevelCacheTier(CaffeineCacheTier local, RedisCacheTier remote, String channel) {
		this.local = local;
		this.remote = remote;
		this.channel = channel;
		ObjectNode clearAll = this.mapper.createObjectNode();
		clearAll.put("sender", this.sender);
		clearAll.put("all", true);
		remote.publishAfterFullClear(channel, this.mapper.writeValueAsString(clearAll));
	}

	@Override
	public @Nullable CachedValue get(CacheDescriptor cache, CacheKey key) {
		boolean useLocal = this.subscribed;
		CachedValue value = useLocal ? this.local.get(cache, key) : null;
		if (value != null) {
			return value;
		}
		long invalidationsBefore = this.invalidations.get();
		value = this.remote.get(cache, key);
		if (useLocal && value != null && value.remainingMillis(System.currentTimeMillis()) > 0
				&& this.invalidations.get() == invalidationsBefore) {
			this.local.put(cache, key, value);
			if (this.invalidations.get() != invalidationsBefore) {
				// An invalidation ran between the check and the put: its local eviction
				// may have missed the value
				this.local.evict(cache, key);
			}
		}
		return value;
	}

	@Override
	public void put(CacheDescriptor cache, CacheKey key, CachedValue value) {
		this.remote.put(cache, key, value);
		if (this.subscribed) {
			this.local.put(cache, key, value);
		}
	}

	/**
	 * Set whether invalidations from other instances reach this tier. Without them, local
	 * copies could outlive a write elsewhere, so they are neither read nor kept.
	 * @param subscribed whether the invalidation channel is subscribed
	 */
	void subscribed(boolean subscribed) {
		if (!subscribed) {
			this.invalidations.incrementAndGet();
			this.local.clearAll();
		}
		this.subscribed = subscribed;
	}

	@Override
	public long evict(CacheDescriptor cache, CacheKey key) {
		// Redis first: a concurrent get that read the old value from it is counted out
		// before the local tier is cleaned
		long removed = this.remote.evict(cache, key);
		this.invalidations.incrementAndGet();
		removed = Math.max(removed, this.local.evict(cache, key));
		publish(cache.name(), key.canonical(), List.of());
		return removed;
	}

	@Override
	public long clear(CacheDescriptor cache) {
		long removed = this.remote.clear(cache);
		this.invalidations.incrementAndGet();
		removed = Math.max(removed, this.local.clear(cache));
		publish(cache.name(), null, List.of());
		return removed;
	}

	@Override
	public Map<String, Long> evictReading(Collection<String> tables) {
		// A local entry is a copy of a Redis entry: the larger count is the one removed
		Map<String, Long> removed = new HashMap<>(this.remote.evictReading(tables));
		this.invalidations.incrementAndGet();
		this.local.evictReading(tables).forEach((cache, count) -> removed.merge(cache, count, Math::max));
		publish(null, null, tables);
		return removed;
	}

	@Override
	public String name() {
		return "two-level";
	}

	@Override
	public RemoteTierStats remoteStats() {
		return this.remote.remoteStats();
	}

	/**
	 * Return the channel invalidations are published on.
	 * @return the channel
	 */
	public String channel() {
		return this.channel;
	}

	/**
	 * Return the local tier.
	 * @return the local tier
	 */
	CaffeineCacheTier local() {
		return this.local;
	}

	private void publish(@Nullable String cache, @Nullable String key, Collection<String> tables) {
		ObjectNode message = this.mapper.createObjectNode();
		message.put("sender", this.sender);
		message.put("cache", cache);
		message.put("key", key);
		tables.forEach(message.putArray("tables")::add);
		// Like every Redis command, bounded by the command timeout and skipped while the
		// breaker is open; the other instances then rely on the TTL
		this.remote.publish(this.channel, this.mapper.writeValueAsString(message));
	}

	@Override
	public void onChannelSubscribed(byte[] channel, long count) {
		// Also after the client reconnected on its own: what was published meanwhile is
		// lost
		this.invalidations.incrementAndGet();
		this.local.clearAll();
	}

	@Override
	public void onMessage(Message message, byte @Nullable [] pattern) {
		try {
			JsonNode node = this.mapper.readTree(message.getBody());
			if (this.sender.equals(node.path("sender").asString(""))) {
				return;
			}
			// The sender removed the entries from Redis before it published
			this.invalidations.incrementAndGet();
			if (node.path("all").asBoolean(false)) {
				this.local.clearAll();
				return;
			}
			List<String> tables = new ArrayList<>();
			node.path("tables").forEach((table) -> tables.add(table.asString()));
			if (!tables.isEmpty()) {
				this.local.evictReading(tables);
			}
			String cache = node.hasNonNull("cache") ? node.get("cache").asString() : null;
			if (cache != null) {
				String key = node.hasNonNull("key") ? node.get("key").asString() : null;
				this.local.evictWhere((candidate) -> candidate.cache().equals(cache)
						&& (key == null || key.equals(candidate.canonical())));
			}
		}
		catch (RuntimeException ex) {
			// Never the exception's message: the message holds cache keys
			logger.debug("Ignored a malformed cache invalidation message (" + ex.getClass().getName() + ")");
		}
	}

}
