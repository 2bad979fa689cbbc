package io.github.dbperf.pool;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.zaxxer.hikari.HikariDataSource;
import io.github.dbperf.context.DbperfFailures;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Samples every HikariCP pool into a {@link PoolHistory} at its interval, on one daemon
 * thread of its own ({@code dbperf-pool-history}), never on the application's threads. It
 * starts with the application context only when there is a pool to sample and stops with
 * it. A pool not started yet is skipped until it starts.
 *
 * @author dbperf
 * @since 0.2.0
 */
public final class PoolHistorySampler implements SmartLifecycle {

	private final PoolHistory history;

	private final Supplier<Map<String, HikariDataSource>> pools;

	private @Nullable ScheduledExecutorService executor;

	/**
	 * Create a new sampler.
	 * @param history where samples go
	 * @param pools the HikariCP pools by DataSource bean name, read once at start
	 */
	public PoolHistorySampler(PoolHistory history, Supplier<Map<String, HikariDataSource>> pools) {
		this.history = history;
		this.pools = pools;
	}

	@Override
	public synchronized void start() {
		if (this.executor != null) {
			return;
		}
		Map<String, HikariDataSource> pools = Map.copyOf(this.pools.get());
		if (pools.isEmpty()) {
			return;
		}
		CustomizableThreadFactory threads = new CustomizableThreadFactory("dbperf-pool-history-");
		threads.setDaemon(true);
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(threads);
		long interval = this.history.interval().toMillis();
		executor.scheduleAtFixedRate(() -> sample(pools), 0, interval, TimeUnit.MILLISECONDS);
		this.executor = executor;
	}

	private void sample(Map<String, HikariDataSource> pools) {
		long now = System.currentTimeMillis();
		pools.forEach((name, pool) -> {
			try {
				PoolState state = PoolState.of(pool);
				if (state != null) {
					this.history.record(name, now, state);
				}
			}
			catch (RuntimeException ex) {
				DbperfFailures.swallow("pool history of " + name, ex);
			}
		});
	}

	@Override
	public synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

}
