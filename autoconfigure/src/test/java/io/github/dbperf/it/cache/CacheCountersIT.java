package io.github.dbperf.it.cache;

import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.cache.CacheAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.autoconfigure.query.QueryAutoConfiguration;
import io.github.dbperf.cache.QueryCacheManager;
import io.github.dbperf.cache.TableInvalidator;
import io.github.dbperf.testing.TestPostgres;
import io.github.dbperf.testing.TestRedis;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cache counters mean what their names say, on every tier against a real PostgreSQL
 * and Redis: {@code evictions} counts entries removed, {@code dbperf.cache.invalidations}
 * counts writes whose invalidation removed at least one entry.
 */
class CacheCountersIT {

	private static final String DATABASE = TestPostgres.newDatabase("counters");

	private static final String CATEGORIES = "CategoryService.categories";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues(TestPostgres.properties(DATABASE))
		.withPropertyValues(TestRedis.properties())
		.withPropertyValues("dbperf.cache.redis.key-prefix=dbperf-counters:")
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
				MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, DataRedisAutoConfiguration.class,
				DbperfAutoConfiguration.class, JdbcCaptureAutoConfiguration.class, QueryAutoConfiguration.class,
				CacheAutoConfiguration.class))
		.withUserConfiguration(CategoryService.Configuration.class);

	@ParameterizedTest
	@ValueSource(strings = { "caffeine", "redis", "two-level" })
	void whenACommittedWriteEvictsAnEntryThenEvictionsCountIt(String type) {
		this.contextRunner.withPropertyValues("dbperf.cache.type=" + type).run((context) -> {
			CategoryService service = seeded(context);
			long invalidations = context.getBean(TableInvalidator.class).invalidations();
			assertThat(service.categories()).hasSize(3);
			new TransactionTemplate(context.getBean(PlatformTransactionManager.class)).executeWithoutResult(
					(status) -> jdbc(context).update("insert into category (id, name) values (4, 'games')"));
			assertThat(service.categories()).as("evicted on commit").hasSize(4);
			assertThat(evictions(context, CATEGORIES)).isEqualTo(1);
			assertThat(context.getBean(MeterRegistry.class)
				.get("cache.evictions")
				.tags("cache", CATEGORIES)
				.functionCounter()
				.count()).isEqualTo(1);
			assertThat(context.getBean(TableInvalidator.class).invalidations()).isEqualTo(invalidations + 1);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "caffeine", "redis", "two-level" })
	void whenAWriteEvictsNothingThenInvalidationsDoNotRise(String type) {
		this.contextRunner.withPropertyValues("dbperf.cache.type=" + type).run((context) -> {
			CategoryService service = seeded(context);
			assertThat(service.categoriesUntilExpiry()).as("autoInvalidate = false: never evicted").hasSize(3);
			long invalidations = context.getBean(TableInvalidator.class).invalidations();
			jdbc(context).update("insert into category (id, name) values (4, 'games')");
			new TransactionTemplate(context.getBean(PlatformTransactionManager.class))
				.executeWithoutResult((status) -> jdbc(context).update("delete from category where id = 4"));
			assertThat(context.getBean(TableInvalidator.class).invalidations()).isEqualTo(invalidations);
			assertThat(context.getBean(MeterRegistry.class).get("dbperf.cache.invalidations").functionCounter().count())
				.isEqualTo(invalidations);
			assertThat(evictions(context, CATEGORIES)).isZero();
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "caffeine", "redis", "two-level" })
	void whenClearedOrEvictedByHandThenEvictionsCountOnlyTheEntriesRemoved(String type) {
		this.contextRunner.withPropertyValues("dbperf.cache.type=" + type).run((context) -> {
			CategoryService service = seeded(context);
			QueryCacheManager manager = context.getBean(QueryCacheManager.class);
			service.typed(1);
			service.typed(2);
			service.typed(3);
			assertThat(manager.evict("typed", 3)).isTrue();
			assertThat(evictions(context, "typed")).isEqualTo(1);
			assertThat(manager.evict("typed", 3)).as("already gone").isTrue();
			assertThat(evictions(context, "typed")).isEqualTo(1);
			assertThat(manager.clear("typed")).isTrue();
			assertThat(evictions(context, "typed")).isEqualTo(3);
			assertThat(manager.clear("typed")).as("nothing left").isTrue();
			manager.clearAll();
			assertThat(evictions(context, "typed")).isEqualTo(3);
		});
	}

	private static long evictions(AssertableApplicationContext context, String cache) {
		return context.getBean(QueryCacheManager.class)
			.caches()
			.stream()
			.filter((info) -> info.name().equals(cache))
			.findFirst()
			.orElseThrow()
			.evictions();
	}

	private static JdbcTemplate jdbc(AssertableApplicationContext context) {
		return context.getBean(JdbcTemplate.class);
	}

	private static CategoryService seeded(AssertableApplicationContext context) {
		// Entries of an earlier test in Redis would be evicted, and counted, by the
		// seeding
		context.getBean(StringRedisTemplate.class).getConnectionFactory().getConnection().serverCommands().flushAll();
		return context.getBean(CategoryService.class).seed();
	}

}
