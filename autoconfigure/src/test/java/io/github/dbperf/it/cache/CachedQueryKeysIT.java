package io.github.dbperf.it.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.cache.CacheAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.autoconfigure.query.QueryAutoConfiguration;
import io.github.dbperf.cache.CacheTier;
import io.github.dbperf.cache.InvalidationSubscriber;
import io.github.dbperf.cache.QueryCacheManager;
import io.github.dbperf.cache.RedisCacheTier;
import io.github.dbperf.cache.TwoLevelCacheTier;
import io.github.dbperf.testing.TestRedis;
import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @CachedQuery} keys that are not exact and results that callers change, on every
 * tier: arguments that are not equal never share an entry, a key that cannot be built
 * never throws into the caller, and no caller sees another's changes.
 */
@ExtendWith(OutputCaptureExtension.class)
class CachedQueryKeysIT {

	private final ApplicationContextRunner caffeine = new ApplicationContextRunner()
		.withPropertyValues("spring.datasource.generate-unique-name=true", "dbperf.cache.type=caffeine")
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				DbperfAutoConfiguration.class, JdbcCaptureAutoConfiguration.class, QueryAutoConfiguration.class,
				CacheAutoConfiguration.class))
		.withUserConfiguration(KeyedService.Configuration.class);

	private final ApplicationContextRunner redis = this.caffeine
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
		.withPropertyValues(TestRedis.properties())
		.withPropertyValues("dbperf.cache.type=redis", "dbperf.cache.redis.key-prefix=dbperf-keys-it:");

	private final ApplicationContextRunner twoLevel = this.redis.withPropertyValues("dbperf.cache.type=two-level");

	@Test
	void whenArgumentsDifferOnlyInStateTheirGettersHideThenRedisNeverSharesAnEntry() {
		this.redis.run((context) -> {
			assertThat(context.getBean(CacheTier.class)).isInstanceOf(RedisCacheTier.class);
			KeyedService service = cleared(context);
			assertThat(service.describe(new KeyedService.TenantFilter("a"))).isEqualTo("computed 1");
			assertThat(service.describe(new KeyedService.TenantFilter("b"))).isEqualTo("computed 2");
			assertThat(skips(context, "keyed")).isEqualTo(2);
		});
	}

	@Test
	void whenAKeyGetterThrowsThenTheCallRunsWithoutTheCacheCountedAndLoggedOnce(CapturedOutput output) {
		this.redis.run((context) -> {
			KeyedService service = cleared(context);
			assertThat(service.describe(new KeyedService.Detached())).isEqualTo("computed 1");
			assertThat(service.describe(new KeyedService.Detached())).isEqualTo("computed 2");
			assertThat(skips(context, "keyed")).isEqualTo(2);
			assertThat(context.getBean(MeterRegistry.class)
				.get("dbperf.cache.skips")
				.tags("cache", "keyed")
				.functionCounter()
				.count()).isEqualTo(2);
			assertThat(output.getOut().split("ran without the cache because its key could not be built exactly", -1))
				.hasSize(2);
			assertThat(output).contains(KeyedService.Detached.class.getName() + " is not an exact key type")
				.doesNotContain("no session");
		});
	}

	@Test
	void whenAKeyHoldsItselfThenTheCallRunsWithoutTheCacheOnEveryTier() {
		KeyedService.Node node = new KeyedService.Node("root", new ArrayList<>());
		node.children().add(node);
		this.caffeine.run((context) -> {
			KeyedService service = cleared(context);
			assertThat(service.describe(node)).isEqualTo("computed 1");
			assertThat(service.describe(node)).isEqualTo("computed 2");
			assertThat(skips(context, "keyed")).isEqualTo(2);
		});
		this.redis.run((context) -> {
			KeyedService service = cleared(context);
			assertThat(service.describe(node)).isEqualTo("computed 1");
			assertThat(skips(context, "keyed")).isEqualTo(1);
		});
	}

	@Test
	void whenTheKeyExpressionFailsThenTheCallRunsWithoutTheCache() {
		this.caffeine.run((context) -> {
			KeyedService service = cleared(context);
			assertThat(service.byName(null)).isEqualTo("computed 1");
			assertThat(skips(context, "named")).isEqualTo(1);
			assertThat(service.byName(new KeyedService.Filter("a")))
				.isEqualTo(service.byName(new KeyedService.Filter("a")));
		});
	}

	@Test
	void whenExactKeysAreEqualThenRedisSharesTheirEntry() {
		this.redis.run((context) -> {
			KeyedService service = cleared(context);
			String first = service.describe(new KeyedService.Node("a", List.of(1L, "b")));
			assertThat(service.describe(new KeyedService.Node("a", new ArrayList<>(List.of(1L, "b")))))
				.isEqualTo(first);
			assertThat(service.describe(new KeyedService.Node("a", List.of(1, "b")))).isNotEqualTo(first);
			assertThat(service.computations()).hasValue(2);
			assertThat(skips(context, "keyed")).isZero();
		});
	}

	@Test
	void whenACallerChangesACachedResultThenOtherCallersOnCaffeineDoNotSeeIt() {
		this.caffeine.run((context) -> assertResultsAreNotShared(cleared(context)));
	}

	@Test
	void whenACallerChangesACachedResultThenOtherCallersOnTwoLevelDoNotSeeIt() {
		this.twoLevel.run((context) -> {
			assertThat(context.getBean(CacheTier.class)).isInstanceOf(TwoLevelCacheTier.class);
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.until(() -> context.getBean(InvalidationSubscriber.class).isSubscribed());
			assertResultsAreNotShared(cleared(context));
		});
	}

	@Test
	void whenACallerChangesACachedResultThenOtherCallersOnRedisDoNotSeeIt() {
		this.redis.run((context) -> assertResultsAreNotShared(cleared(context)));
	}

	private static void assertResultsAreNotShared(KeyedService service) {
		service.names().add("from the first caller");
		service.names().add("from a later caller");
		assertThat(service.names()).containsExactly("a", "b");
		service.basket().items().add("coffee");
		service.basket().items().add("milk");
		assertThat(service.basket().items()).containsExactly("tea");
		service.numbers()[0] = 41;
		service.numbers()[0] = 42;
		assertThat(service.numbers()).containsExactly(1, 2);
		service.profile().setName("grace");
		service.profile().setName("linus");
		assertThat(service.profile().getName()).isEqualTo("ada");
		assertThat(service.computations()).as("still served from the cache").hasValue(4);
	}

	private static long skips(AssertableApplicationContext context, String cache) {
		return context.getBean(QueryCacheManager.class)
			.caches()
			.stream()
			.filter((info) -> info.name().equals(cache))
			.findFirst()
			.orElseThrow()
			.skips();
	}

	private static KeyedService cleared(AssertableApplicationContext context) {
		// Each context starts with an empty local tier; Redis outlives it
		if (context.getBeanNamesForType(StringRedisTemplate.class).length > 0) {
			StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
			redis.delete(redis.keys("dbperf-keys-it:*"));
		}
		KeyedService service = context.getBean(KeyedService.class);
		service.computations().set(0);
		return service;
	}

}
