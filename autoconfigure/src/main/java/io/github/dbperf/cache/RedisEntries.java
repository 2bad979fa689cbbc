package io.github.dbperf.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The Redis commands behind the tier, run by {@link RedisCommands}: entries stored with
 * their time to live and indexed by the tables they read, and removed one by one, by
 * table or by pattern.
 *
 * @author dbperf
 * @since 0.1.0
 */
final class RedisEntries {

	private static final int SCAN_BATCH = 500;

	private static final long MIN_INDEX_TTL_MILLIS = Duration.ofHours(1).toMillis();

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	RedisEntries(StringRedisTemplate redis, RedisKeys keys) {
		this.redis = redis;
		this.keys = keys;
	}

	Boolean store(String entry, String payload, long ttlMillis, Set<String> tables) {
		this.redis.opsForValue().set(entry, payload, Duration.ofMillis(ttlMillis));
		for (String table : tables) {
			String index = this.keys.table(table);
			this.redis.opsForSet().add(index, entry);
			this.redis.expire(index, Duration.ofMillis(Math.max(ttlMillis, MIN_INDEX_TTL_MILLIS)));
		}
		return Boolean.TRUE;
	}

	Long unlink(String entry) {
		return Boolean.TRUE.equals(this.redis.unlink(entry)) ? 1L : 0L;
	}

	/**
	 * Unlink the entries that read the given tables, one cache at a time, so that
	 * UNLINK's replies count what each cache lost: a member of a table's key set may have
	 * expired already.
	 */
	Map<String, Long> unlinkReading(Iterable<String> tables) {
		List<String> indexes = new ArrayList<>();
		tables.forEach((table) -> indexes.add(this.keys.table(table)));
		Map<String, Set<String>> entriesByCache = new HashMap<>();
		for (String index : indexes) {
			Set<String> members = this.redis.opsForSet().members(index);
			if (members != null) {
				members.forEach((entry) -> entriesByCache
					.computeIfAbsent(this.keys.cacheOf(entry), (cache) -> new LinkedHashSet<>())
					.add(entry));
			}
		}
		this.redis.unlink(indexes);
		Map<String, Long> removed = new HashMap<>();
		entriesByCache.forEach((cache, entries) -> removed.put(cache, count(this.redis.unlink(entries))));
		return removed;
	}

	Long unlinkMatching(String pattern) {
		// Never KEYS: SCAN walks the keyspace in small steps without blocking Redis
		long removed = 0;
		List<String> batch = new ArrayList<>();
		try (Cursor<String> found = this.redis
			.scan(ScanOptions.scanOptions().match(pattern).count(SCAN_BATCH).build())) {
			while (found.hasNext()) {
				batch.add(found.next());
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

	Boolean publish(String channel, String message) {
		this.redis.convertAndSend(channel, message);
		return Boolean.TRUE;
	}

	private static long count(@Nullable Long removed) {
		return (removed != null) ? removed : 0;
	}

}
