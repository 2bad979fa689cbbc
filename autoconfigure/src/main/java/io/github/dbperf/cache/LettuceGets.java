package io.github.dbperf.cache;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.ClassUtils;

/**
 * GET on the caller's thread through Lettuce's asynchronous API, waiting at most the
 * command timeout: a hit costs what a plain Lettuce GET costs, with no thread hand-off.
 * The connection is obtained once (on the tier's executor, since obtaining it may
 * connect; concurrent callers share the attempt), kept when one command fails or times
 * out, and dropped only when it is closed, to be obtained again on the next call.
 *
 * @author dbperf
 * @since 0.1.0
 */
final class LettuceGets {

	private static final boolean LETTUCE_PRESENT = ClassUtils.isPresent("io.lettuce.core.RedisClient",
			LettuceGets.class.getClassLoader());

	private final RedisConnectionFactory connectionFactory;

	private final ExecutorService executor;

	private final long timeoutMillis;

	private volatile @Nullable RedisClusterAsyncCommands<byte[], byte[]> commands;

	private @Nullable RedisConnection connection;

	private final AtomicReference<@Nullable Future<RedisClusterAsyncCommands<byte[], byte[]>>> connecting = new AtomicReference<>();

	LettuceGets(RedisConnectionFactory connectionFactory, ExecutorService executor, Duration timeout) {
		this.connectionFactory = connectionFactory;
		this.executor = executor;
		this.timeoutMillis = timeout.toMillis();
	}

	static boolean supports(RedisConnectionFactory connectionFactory) {
		return LETTUCE_PRESENT && connectionFactory instanceof LettuceConnectionFactory;
	}

	byte @Nullable [] get(byte[] key) throws Exception {
		RedisClusterAsyncCommands<byte[], byte[]> current = commands();
		RedisFuture<byte[]> future = current.get(key);
		try {
			return future.get(this.timeoutMillis, TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			future.cancel(true);
			// One slow or failed command says nothing about the connection every caller
			// shares; only a closed one is replaced
			if (!isOpen(current)) {
				release(current);
			}
			throw ex;
		}
	}

	// Lettuce 7 (Boot 4.1) dropped isOpen() from the commands; the connection still has
	// it
	private static boolean isOpen(RedisClusterAsyncCommands<?, ?> commands) {
		if (commands instanceof RedisAsyncCommands<?, ?> standalone) {
			return standalone.getStatefulConnection().isOpen();
		}
		if (commands instanceof RedisAdvancedClusterAsyncCommands<?, ?> cluster) {
			return cluster.getStatefulConnection().isOpen();
		}
		return true;
	}

	private RedisClusterAsyncCommands<byte[], byte[]> commands() throws Exception {
		RedisClusterAsyncCommands<byte[], byte[]> current = this.commands;
		if (current != null) {
			return current;
		}
		// Callers share one connection attempt and each waits at most the timeout for
		// it, so a Redis that does not answer never queues them up behind each other
		Future<RedisClusterAsyncCommands<byte[], byte[]>> attempt = this.connecting.get();
		if (attempt == null) {
			FutureTask<RedisClusterAsyncCommands<byte[], byte[]>> started = new FutureTask<>(this::connect);
			if (this.connecting.compareAndSet(null, started)) {
				try {
					this.executor.execute(started);
				}
				catch (RuntimeException ex) {
					this.connecting.compareAndSet(started, null);
					throw ex;
				}
				attempt = started;
			}
			else {
				attempt = this.connecting.get();
				if (attempt == null) {
					throw new IllegalStateException("Connection attempt ended concurrently");
				}
			}
		}
		try {
			return attempt.get(this.timeoutMillis, TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			// Failed: the next call after the breaker's cool-down tries again
			this.connecting.compareAndSet(attempt, null);
			throw ex;
		}
	}

	private RedisClusterAsyncCommands<byte[], byte[]> connect() {
		RedisConnection obtained = this.connectionFactory.getConnection();
		RedisClusterAsyncCommands<byte[], byte[]> obtainedCommands = ((LettuceConnection) obtained)
			.getNativeConnection();
		synchronized (this) {
			this.connection = obtained;
			this.commands = obtainedCommands;
		}
		return obtainedCommands;
	}

	private synchronized void release(RedisClusterAsyncCommands<byte[], byte[]> broken) {
		if (this.commands == broken) {
			release();
		}
	}

	synchronized void release() {
		RedisConnection held = this.connection;
		this.connection = null;
		this.commands = null;
		this.connecting.set(null);
		if (held != null) {
			try {
				held.close();
			}
			catch (RuntimeException ex) {
				// Broken already
			}
		}
	}

}
