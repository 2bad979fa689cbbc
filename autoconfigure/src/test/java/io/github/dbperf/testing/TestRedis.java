package io.github.dbperf.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import redis.embedded.RedisServer;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A real Redis (codemonstur embedded-redis, redis-server from the jar) started lazily
 * once per JVM on a free port, stopped at JVM exit. It can be stopped and started again
 * on the same port, for outage tests: empty after {@link #stop()}, like a restarted
 * cache, or with its data after {@link #stopKeepingData()}, like a network blip.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class TestRedis {

	private static @Nullable RedisServer server;

	private static int port;

	private static @Nullable Path directory;

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
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				stop(started);
				deleteDump();
			}, "TestRedisShutdown"));
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
	 * Stop the redis-server process; it starts again empty.
	 */
	public static synchronized void stop() {
		if (server != null) {
			stop(server);
			deleteDump();
		}
	}

	/**
	 * Save the data, then stop the redis-server process; it starts again with the data it
	 * had, as after a network blip.
	 */
	public static synchronized void stopKeepingData() {
		LettuceConnectionFactory factory = connectionFactory();
		try {
			factory.getConnection().serverCommands().save();
		}
		finally {
			factory.destroy();
		}
		stop(server);
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
			Path dataDirectory = Files.createTempDirectory("dbperf-redis-");
			dataDirectory.toFile().deleteOnExit();
			directory = dataDirectory;
			return RedisServer.newRedisServer()
				.port(port)
				.setting("dir " + dataDirectory)
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

	private static void deleteDump() {
		try {
			if (directory != null) {
				Files.deleteIfExists(directory.resolve("dump.rdb"));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void stop(@Nullable RedisServer running) {
		if (running == null) {
			return;
		}
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
