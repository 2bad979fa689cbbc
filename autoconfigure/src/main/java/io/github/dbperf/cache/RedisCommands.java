package io.github.dbperf.cache;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Runs Redis commands so that they never throw into the caller or make it wait longer
 * than the command timeout: each runs on a small executor (or, for commands that bound
 * their own wait, on the caller's thread) behind a {@link CircuitBreaker}, skipped while
 * it is open or the executor's queue is full, counted and turned into {@code null} when
 * it fails.
 *
 * @author dbperf
 * @since 0.1.0
 */
final class RedisCommands {

	private final ThreadPoolExecutor executor;

	private final long timeoutMillis;

	private final CircuitBreaker breaker;

	private final OnceLog log;

	private final Runnable onSuccess;

	private final LongAdder errors = new LongAdder();

	private final LongAdder skipped = new LongAdder();

	private final LongAdder saturated = new LongAdder();

	/**
	 * Create the commands.
	 * @param executor where commands run
	 * @param timeout the longest wait for one command
	 * @param breaker the breaker
	 * @param log where failures are logged, once per command and exception type
	 * @param onSuccess what to do after a command succeeded, such as retrying evictions
	 */
	RedisCommands(ThreadPoolExecutor executor, Duration timeout, CircuitBreaker breaker, OnceLog log,
			Runnable onSuccess) {
		this.executor = executor;
		this.timeoutMillis = timeout.toMillis();
		this.breaker = breaker;
		this.log = log;
		this.onSuccess = onSuccess;
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

	ThreadPoolExecutor executor() {
		return this.executor;
	}

	/**
	 * Run a command on the executor, waiting at most the timeout.
	 * @param command the command's name, for the log
	 * @param operation the command
	 * @param retry whether it retries an eviction: a retry skipped by the open breaker is
	 * not counted
	 * @return its result, or {@code null} when it was skipped or failed
	 */
	<T> @Nullable T call(String command, Callable<T> operation, boolean retry) {
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

	/**
	 * Run a command that bounds its own wait on the caller's thread, behind the circuit
	 * breaker. Whatever happens, a probe resolves the breaker.
	 * @param command the command's name, for the log
	 * @param operation the command
	 * @param retry whether it retries an eviction
	 * @return its result, or {@code null} when it was skipped or failed
	 */
	<T> @Nullable T guarded(String command, Callable<T> operation, boolean retry) {
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
			this.onSuccess.run();
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
		this.log.warn("redis:" + command + ":" + ex.getClass().getName(),
				"Redis " + command + " failed (" + ex.getClass().getSimpleName()
						+ "); the call went to the method instead. Redis state: " + this.breaker.state());
	}

	/**
	 * Return the health of the commands.
	 * @param pendingEvictions evictions waiting for Redis
	 * @return the statistics
	 */
	RemoteTierStats stats(int pendingEvictions) {
		return new RemoteTierStats(this.errors.sum(), this.skipped.sum(), this.saturated.sum(), pendingEvictions,
				this.breaker.state());
	}

	void shutdown() {
		this.executor.shutdownNow();
	}

}
