package io.github.dbperf.cache;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Evictions that could not reach Redis, kept until they do. Bounded: past the limit they
 * are replaced by one "clear everything", so that none is silently lost. Each is stamped,
 * so that a retry completing concurrently with a newer failure of the same eviction
 * leaves the newer one pending.
 *
 * @author dbperf
 * @since 0.1.0
 */
final class PendingEvictions {

	private final int limit;

	private final Map<Eviction, Long> pending = new ConcurrentHashMap<>();

	private final AtomicLong stamps = new AtomicLong();

	private final AtomicLong everything = new AtomicLong();

	private final AtomicLong completions = new AtomicLong();

	PendingEvictions(int limit) {
		this.limit = limit;
	}

	void add(Eviction eviction) {
		long stamp = this.stamps.incrementAndGet();
		if (this.everything.get() != 0 || (this.pending.size() >= this.limit && !this.pending.containsKey(eviction))) {
			this.everything.set(stamp);
			this.pending.clear();
			return;
		}
		this.pending.put(eviction, stamp);
	}

	boolean isEmpty() {
		return this.everything.get() == 0 && this.pending.isEmpty();
	}

	int size() {
		return this.pending.size() + ((this.everything.get() != 0) ? 1 : 0);
	}

	/**
	 * Return whether an entry read from Redis may be one a pending eviction was meant to
	 * remove.
	 */
	boolean affects(String cache, String redisKey, Collection<String> tables) {
		if (this.everything.get() != 0 || this.pending.containsKey(new Key(redisKey))
				|| this.pending.containsKey(new Cache(cache))) {
			return true;
		}
		for (String table : tables) {
			if (this.pending.containsKey(new Table(table))) {
				return true;
			}
		}
		return false;
	}

	long everything() {
		return this.everything.get();
	}

	void everythingDone(long stamp) {
		this.completions.incrementAndGet();
		this.everything.compareAndSet(stamp, 0);
	}

	/**
	 * Return how many retries reached Redis so far. Counted before the eviction leaves
	 * the pending ones, so that a read that sees neither a new count nor the eviction
	 * started before the retry removed anything.
	 */
	long completions() {
		return this.completions.get();
	}

	List<Map.Entry<Eviction, Long>> snapshot() {
		return new ArrayList<>(this.pending.entrySet());
	}

	void done(Eviction eviction, long stamp) {
		this.completions.incrementAndGet();
		this.pending.remove(eviction, stamp);
	}

	/**
	 * An eviction to retry.
	 */
	sealed interface Eviction permits Key, Cache, Table, Publication {

	}

	/**
	 * One entry.
	 *
	 * @param redisKey its Redis key
	 */
	record Key(String redisKey) implements Eviction {

	}

	/**
	 * Every entry of a cache.
	 *
	 * @param name the cache name
	 */
	record Cache(String name) implements Eviction {

	}

	/**
	 * Every entry that read a table.
	 *
	 * @param name the table
	 */
	record Table(String name) implements Eviction {

	}

	/**
	 * An invalidation message for the other instances.
	 *
	 * @param channel the channel
	 * @param message the message
	 */
	record Publication(String channel, String message) implements Eviction {

	}

}
