package io.github.dbperf.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.cache.CacheAutoConfiguration;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import redis.embedded.RedisServer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * Cost of a cache hit served by Redis over loopback, in one run: a raw Lettuce GET of the
 * entry {@code @CachedQuery} wrote plus its JSON decode, Spring's {@code @Cacheable} on
 * Redis with JSON and with JDK serialization, {@code @CachedQuery} on Redis, and
 * {@code @CachedQuery} two-level (served by its local tier). Redis is an embedded
 * redis-server started on a free port.
 *
 * @author dbperf
 * @since 0.1.0
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = { "-XX:+AlwaysPreTouch", "-Xms1g", "-Xmx1g" })
public class RedisCacheHitBenchmark {

	private @Nullable RedisServer server;

	private @Nullable RedisClient client;

	private StatefulRedisConnection<String, String> connection;

	private RedisCommands<String, String> commands;

	private final JsonMapper mapper = JsonMapper.builder().build();

	private String dbperfKey;

	private final ConfigurableApplicationContext[] contexts = new ConfigurableApplicationContext[4];

	private CachedCategories.Spring springJson;

	private CachedCategories.Spring springJdk;

	private CachedCategories.Dbperf redis;

	private CachedCategories.Dbperf twoLevel;

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		int port = freePort();
		this.server = RedisServer.newRedisServer()
			.port(port)
			.bind("127.0.0.1")
			.setting("save \"\"")
			.setting("appendonly no")
			.build();
		this.server.start();
		String[] redisProperties = { "spring.main.banner-mode=off", "logging.level.root=warn",
				"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + port };
		this.contexts[0] = start(SpringCaching.class, redisProperties, "bench.serializer=json", "dbperf.enabled=false");
		this.contexts[1] = start(SpringCaching.class, redisProperties, "bench.serializer=jdk", "dbperf.enabled=false");
		this.contexts[2] = start(DbperfCaching.class, redisProperties, "dbperf.cache.type=redis",
				"dbperf.cache.redis.key-prefix=bench-redis:");
		this.contexts[3] = start(DbperfCaching.class, redisProperties, "dbperf.cache.type=two-level",
				"dbperf.cache.redis.key-prefix=bench-two:");
		this.springJson = this.contexts[0].getBean(CachedCategories.Spring.class);
		this.springJdk = this.contexts[1].getBean(CachedCategories.Spring.class);
		this.redis = this.contexts[2].getBean(CachedCategories.Dbperf.class);
		this.twoLevel = this.contexts[3].getBean(CachedCategories.Dbperf.class);
		this.springJson.categories(7L);
		this.springJdk.categories(7L);
		this.redis.categories(7L);
		this.twoLevel.categories(7L);
		this.client = RedisClient.create("redis://127.0.0.1:" + port);
		this.connection = this.client.connect();
		this.commands = this.connection.sync();
		this.dbperfKey = this.commands.keys("bench-redis:*")
			.stream()
			.filter((key) -> key.contains("categories"))
			.findFirst()
			.orElseThrow();
	}

	private static ConfigurableApplicationContext start(Class<?> configuration, String[] common, String... properties) {
		return new SpringApplicationBuilder(configuration).web(WebApplicationType.NONE)
			.properties(common)
			.properties(properties)
			.run();
	}

	@TearDown(Level.Trial)
	public void tearDown() throws IOException {
		for (ConfigurableApplicationContext context : this.contexts) {
			if (context != null) {
				context.close();
			}
		}
		if (this.client != null) {
			this.connection.close();
			this.client.shutdown();
		}
		if (this.server != null) {
			this.server.stop();
		}
	}

	@Benchmark
	public Envelope rawLettuceGetAndJson() {
		return this.mapper.readValue(this.commands.get(this.dbperfKey), Envelope.class);
	}

	@Benchmark
	public List<String> springCacheableRedisJson() {
		return this.springJson.categories(7L);
	}

	@Benchmark
	public List<String> springCacheableRedisJdk() {
		return this.springJdk.categories(7L);
	}

	@Benchmark
	public List<String> cachedQueryRedis() {
		return this.redis.categories(7L);
	}

	@Benchmark
	public List<String> cachedQueryTwoLevel() {
		return this.twoLevel.categories(7L);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * The envelope {@code @CachedQuery} stores, decoded with plain Jackson.
	 *
	 * @param version the payload version
	 * @param created when the value was computed
	 * @param expires when it expires
	 * @param computeNanos how long the computation took
	 * @param tables the tables it read
	 * @param value the value
	 */
	public record Envelope(String version, long created, long expires, long computeNanos, List<String> tables,
			List<String> value) {

	}

	/**
	 * Spring's cache abstraction on Redis, JSON or JDK serialization.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableCaching(proxyTargetClass = true)
	@ImportAutoConfiguration(DataRedisAutoConfiguration.class)
	public static class SpringCaching {

		@Bean
		RedisCacheManager cacheManager(RedisConnectionFactory connectionFactory,
				org.springframework.core.env.Environment environment) {
			RedisSerializer<Object> serializer = environment.getProperty("bench.serializer", "json").equals("json")
					? RedisSerializer.json() : RedisSerializer.java();
			RedisCacheConfiguration configuration = RedisCacheConfiguration.defaultCacheConfig()
				.prefixCacheNameWith("bench-spring-" + environment.getProperty("bench.serializer") + ":")
				.serializeValuesWith(SerializationPair.fromSerializer(serializer));
			return RedisCacheManager.builder(connectionFactory).cacheDefaults(configuration).build();
		}

		@Bean
		CachedCategories.Spring springCached() {
			return new CachedCategories.Spring();
		}

	}

	/**
	 * dbperf's cache on Redis, without a DataSource.
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataRedisAutoConfiguration.class, DbperfAutoConfiguration.class,
			CacheAutoConfiguration.class })
	public static class DbperfCaching {

		@Bean
		CachedCategories.Dbperf dbperfCached() {
			return new CachedCategories.Dbperf();
		}

	}

}
