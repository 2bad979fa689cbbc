package io.github.dbperf.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import org.jspecify.annotations.Nullable;
import redis.embedded.RedisServer;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A real Redis (codemonstur embedded-redis, redis-server from the jar) started lazily
 * once per JVM on a free port, stopped at JVM exit. It can be stopped and started again
 * on the same port, for outage tests.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class TestRedis {

	private static @Nullable RedisServer server;

	private static int port;

	private TestRedis() {
	}

	/**
	 * Return the port, starting Redis if needed.
	 * @return the port
	 */
	public static synchronized int port() {
		if (server == null) {
			port = freePort();
			server = build(port);
			start();
			RedisServer started = server;
			Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(started), "TestRedisShutdown"));
		}
		return port;
	}

	/**
	 * Start Redis again after {@link #stop()}, on the same port.
	 */
	public static synchronized void start() {
		try {
			if (server != null && !server.isActive()) {
				server.start();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Stop the redis-server process.
	 */
	public static synchronized void stop() {
		if (server != null) {
			stop(server);
		}
	}

	/**
	 * Return Spring Boot properties pointing at this Redis.
	 * @return the properties
	 */
	public static String[] properties() {
		return new String[] { "spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + port() };
	}

	/**
	 * Create a started connection factory for this Redis.
	 * @return the factory, to destroy after use
	 */
	public static LettuceConnectionFactory connectionFactory() {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", port()));
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	private static RedisServer build(int port) {
		try {
			return RedisServer.newRedisServer()
				.port(port)
				.bind("127.0.0.1")
				.setting("save \"\"")
				.setting("appendonly no")
				.onShutdownForceStop(true)
				.build();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void stop(RedisServer running) {
		try {
			running.stop();
		}
		catch (IOException ex) {
			// Gone already
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
