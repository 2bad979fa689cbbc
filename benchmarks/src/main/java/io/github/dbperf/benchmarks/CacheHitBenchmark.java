package io.github.dbperf.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.dbperf.cache.CachedQuery;
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

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Cost of a cache hit on the local tier: a raw Caffeine lookup, Spring's
 * {@code @Cacheable} on Caffeine and {@code @CachedQuery} on Caffeine, for the same
 * method and key, in one run.
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
public class CacheHitBenchmark {

	private static final List<String> VALUE = List.of("music", "books", "film");

	private final Cache<Long, List<String>> raw = Caffeine.newBuilder().maximumSize(10_000).build();

	private @Nullable ConfigurableApplicationContext springContext;

	private @Nullable ConfigurableApplicationContext dbperfContext;

	private SpringCached spring;

	private DbperfCached dbperf;

	@Setup(Level.Trial)
	public void setUp() {
		this.raw.put(7L, VALUE);
		this.springContext = new SpringApplicationBuilder(SpringCaching.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "logging.level.root=warn", "dbperf.enabled=false")
			.run();
		this.spring = this.springContext.getBean(SpringCached.class);
		this.dbperfContext = new SpringApplicationBuilder(DbperfCaching.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "logging.level.root=warn", "dbperf.cache.type=caffeine")
			.run();
		this.dbperf = this.dbperfContext.getBean(DbperfCached.class);
		this.spring.categories(7L);
		this.dbperf.categories(7L);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		if (this.springContext != null) {
			this.springContext.close();
		}
		if (this.dbperfContext != null) {
			this.dbperfContext.close();
		}
	}

	@Benchmark
	public @Nullable List<String> rawCaffeine() {
		return this.raw.getIfPresent(7L);
	}

	@Benchmark
	public List<String> springCacheableCaffeine() {
		return this.spring.categories(7L);
	}

	@Benchmark
	public List<String> cachedQueryCaffeine() {
		return this.dbperf.categories(7L);
	}

	/**
	 * A method cached with Spring's {@code @Cacheable}.
	 */
	public static class SpringCached {

		@Cacheable("categories")
		public List<String> categories(long id) {
			return VALUE;
		}

	}

	/**
	 * The same method cached with {@code @CachedQuery}.
	 */
	public static class DbperfCached {

		@CachedQuery(ttl = "1h")
		public List<String> categories(long id) {
			return VALUE;
		}

	}

	/**
	 * Spring's cache abstraction on Caffeine.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableCaching(proxyTargetClass = true)
	public static class SpringCaching {

		@Bean
		CaffeineCacheManager cacheManager() {
			CaffeineCacheManager manager = new CaffeineCacheManager();
			manager.setCaffeine(Caffeine.newBuilder().maximumSize(10_000));
			return manager;
		}

		@Bean
		SpringCached springCached() {
			return new SpringCached();
		}

	}

	/**
	 * dbperf's cache, without a DataSource.
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ io.github.dbperf.autoconfigure.DbperfAutoConfiguration.class,
			io.github.dbperf.autoconfigure.cache.CacheAutoConfiguration.class })
	public static class DbperfCaching {

		@Bean
		DbperfCached dbperfCached() {
			return new DbperfCached();
		}

	}

}
