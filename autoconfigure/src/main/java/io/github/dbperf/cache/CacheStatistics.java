package io.github.dbperf.cache;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one cache, read by metrics and the endpoint.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class CacheStatistics {

	final LongAdder hits = new LongAdder();

	final LongAdder misses = new LongAdder();

	final LongAdder puts = new LongAdder();

	final LongAdder evictions = new LongAdder();

	final LongAdder earlyRefreshes = new LongAdder();

	final LongAdder loads = new LongAdder();

	final LongAdder loadNanos = new LongAdder();

	final LongAdder errors = new LongAdder();

	final LongAdder skips = new LongAdder();

	/**
	 * Return the hits.
	 * @return the count
	 */
	public long hits() {
		return this.hits.sum();
	}

	/**
	 * Return the misses.
	 * @return the count
	 */
	public long misses() {
		return this.misses.sum();
	}

	/**
	 * Return the entries stored.
	 * @return the count
	 */
	public long puts() {
		return this.puts.sum();
	}

	/**
	 * Return the entries removed before their time to live ran out: by the invalidation
	 * of a committed write to a table they read, or by an explicit evict or clear. An
	 * eviction that found no entry counts none; entries that expire, or that the local
	 * tier drops to stay within its size, are not counted.
	 * @return the count
	 */
	public long evictions() {
		return this.evictions.sum();
	}

	/**
	 * Return the early refreshes.
	 * @return the count
	 */
	public long earlyRefreshes() {
		return this.earlyRefreshes.sum();
	}

	/**
	 * Return the computations of the method.
	 * @return the count
	 */
	public long loads() {
		return this.loads.sum();
	}

	/**
	 * Return the total time spent computing.
	 * @return the nanoseconds
	 */
	public long loadNanos() {
		return this.loadNanos.sum();
	}

	/**
	 * Return the computations that threw.
	 * @return the count
	 */
	public long errors() {
		return this.errors.sum();
	}

	/**
	 * Return the calls that ran the method without the cache because their key, condition
	 * or veto could not be evaluated exactly.
	 * @return the count
	 */
	public long skips() {
		return this.skips.sum();
	}

}
