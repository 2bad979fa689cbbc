package io.github.dbperf.plan;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * One daemon thread with a bounded queue: a capture offered while the queue is full is
 * dropped and counted, never run on the caller's thread and never waited for.
 *
 * @author dbperf
 * @since 0.2.0
 */
final class PlanWorker implements AutoCloseable {

	private final ThreadPoolExecutor executor;

	private final LongAdder dropped = new LongAdder();

	PlanWorker(int queueCapacity) {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("dbperf-plans-");
		threads.setDaemon(true);
		this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
				new ArrayBlockingQueue<>(Math.max(1, queueCapacity)), threads, new ThreadPoolExecutor.AbortPolicy());
	}

	/**
	 * Queue a task.
	 * @param task the task
	 * @return its result to come, or {@code null} when the queue was full
	 */
	<T> @Nullable CompletableFuture<T> offer(Supplier<T> task) {
		CompletableFuture<T> result = new CompletableFuture<>();
		try {
			this.executor.execute(() -> {
				try {
					result.complete(task.get());
				}
				catch (Throwable ex) {
					result.completeExceptionally(ex);
				}
			});
			return result;
		}
		catch (RejectedExecutionException ex) {
			this.dropped.increment();
			return null;
		}
	}

	long dropped() {
		return this.dropped.sum();
	}

	int queued() {
		return this.executor.getQueue().size();
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
