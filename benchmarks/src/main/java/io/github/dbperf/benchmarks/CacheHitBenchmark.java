package io.github.dbperf.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Cost of a cache hit on the local tier: a raw Caffeine lookup, Spring's
 * {@code @Cacheable} on Caffeine and {@code @CachedQuery} on Caffeine, for the same
 * method and key, in one run; {@code @CachedQuery} both for a mutable list (copied on
 * every hit) and an immutable one (shared).
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

	private final Cache<Long, List<String>> raw = Caffeine.newBuilder().maximumSize(10_000).build();

	private @Nullable ConfigurableApplicationContext springContext;

	private @Nullable ConfigurableApplicationContext dbperfContext;

	private CachedCategories.Spring spring;

	private CachedCategories.Dbperf dbperf;

	@Setup(Level.Trial)
	public void setUp() {
		this.raw.put(7L, CachedCategories.VALUE);
		this.springContext = new SpringApplicationBuilder(SpringCaching.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "logging.level.root=warn", "dbperf.enabled=false")
			.run();
		this.spring = this.springContext.getBean(CachedCategories.Spring.class);
		this.dbperfContext = new SpringApplicationBuilder(DbperfCaching.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "logging.level.root=warn", "dbperf.cache.type=caffeine")
			.run();
		this.dbperf = this.dbperfContext.getBean(CachedCategories.Dbperf.class);
		this.spring.categories(7L);
		this.dbperf.categories(7L);
		this.dbperf.immutableCategories(7L);
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

	@Benchmark
	public List<String> cachedQueryCaffeineImmutable() {
		return this.dbperf.immutableCategories(7L);
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
		CachedCategories.Spring springCached() {
			return new CachedCategories.Spring();
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
		CachedCategories.Dbperf dbperfCached() {
			return new CachedCategories.Dbperf();
		}

	}

}
