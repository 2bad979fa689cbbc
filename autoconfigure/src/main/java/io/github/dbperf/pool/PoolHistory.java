package io.github.dbperf.pool;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The recent states of each pool, for the dashboard's charts: a ring of samples per
 * DataSource, written by {@link PoolHistorySampler} and read by the {@code dbperf}
 * endpoint. A ring holds {@link #capacity()} samples of {@value #BYTES_PER_SAMPLE} bytes
 * (the time and three counts in primitive arrays), allocated when its pool is first
 * sampled: 360 samples, one every 5 seconds for 30 minutes, take about 7 KB per pool.
 *
 * @author dbperf
 * @since 0.2.0
 */
public final class PoolHistory {

	/**
	 * Bytes one sample takes: the time (8) and active, idle and pending (4 each).
	 */
	public static final int BYTES_PER_SAMPLE = 20;

	/**
	 * The most samples a ring may hold.
	 */
	public static final int MAX_SAMPLES = 10_000;

	private final Duration interval;

	private final int capacity;

	private final Map<String, Ring> rings = new ConcurrentHashMap<>();

	/**
	 * Create a new history.
	 * @param interval the time between samples
	 * @param retention how long samples are kept
	 */
	public PoolHistory(Duration interval, Duration retention) {
		this.interval = interval;
		this.capacity = capacity(interval, retention);
	}

	/**
	 * Return how many samples a history with these settings keeps per pool.
	 * @param interval the time between samples
	 * @param retention how long samples are kept
	 * @return the samples, at least 1
	 */
	public static int capacity(Duration interval, Duration retention) {
		long samples = retention.toMillis() / Math.max(1, interval.toMillis());
		return (int) Math.max(1, Math.min(Integer.MAX_VALUE, samples));
	}

	/**
	 * Record a pool's state.
	 * @param dataSource the DataSource bean name
	 * @param at when, in milliseconds since the epoch
	 * @param state the pool's state
	 */
	public void record(String dataSource, long at, PoolState state) {
		this.rings.computeIfAbsent(dataSource, (name) -> new Ring(this.capacity)).add(at, state);
	}

	/**
	 * Return every pool's samples, oldest first.
	 * @return the series by DataSource bean name
	 */
	public Map<String, Series> series() {
		Map<String, Series> series = new LinkedHashMap<>();
		this.rings.keySet().stream().sorted().forEach((name) -> series.put(name, this.rings.get(name).series()));
		return series;
	}

	/**
	 * Return the time between samples.
	 * @return the interval
	 */
	public Duration interval() {
		return this.interval;
	}

	/**
	 * Return how many samples are kept per pool.
	 * @return the capacity
	 */
	public int capacity() {
		return this.capacity;
	}

	/**
	 * Return the bytes one pool's ring takes when full.
	 * @return the bytes
	 */
	public long bytesPerPool() {
		return (long) this.capacity * BYTES_PER_SAMPLE;
	}

	/**
	 * One pool's samples in columns, oldest first, as charts take them.
	 *
	 * @param intervalMs the time between samples in milliseconds
	 * @param at when each sample was taken, in milliseconds since the epoch
	 * @param active connections in use
	 * @param idle connections waiting in the pool
	 * @param pending threads waiting for a connection
	 */
	public record Series(long intervalMs, long[] at, int[] active, int[] idle, int[] pending) {

		/**
		 * Return how many samples there are.
		 * @return the count
		 */
		public int size() {
			return this.at.length;
		}

	}

	// One writer (the sampler) and occasional readers (the endpoint): a monitor is enough
	private final class Ring {

		private final long[] at;

		private final int[] active;

		private final int[] idle;

		private final int[] pending;

		private int next;

		private int size;

		Ring(int capacity) {
			this.at = new long[capacity];
			this.active = new int[capacity];
			this.idle = new int[capacity];
			this.pending = new int[capacity];
		}

		synchronized void add(long at, PoolState state) {
			this.at[this.next] = at;
			this.active[this.next] = state.active();
			this.idle[this.next] = state.idle();
			this.pending[this.next] = state.pending();
			this.next = (this.next + 1) % this.at.length;
			this.size = Math.min(this.size + 1, this.at.length);
		}

		synchronized Series series() {
			int start = (this.size < this.at.length) ? 0 : this.next;
			long[] at = new long[this.size];
			int[] active = new int[this.size];
			int[] idle = new int[this.size];
			int[] pending = new int[this.size];
			for (int i = 0; i < this.size; i++) {
				int index = (start + i) % this.at.length;
				at[i] = this.at[index];
				active[i] = this.active[index];
				idle[i] = this.idle[index];
				pending[i] = this.pending[index];
			}
			return new Series(PoolHistory.this.interval.toMillis(), at, active, idle, pending);
		}

	}

}
