package io.github.dbperf.it.cache;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.cache.CacheAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.autoconfigure.query.QueryAutoConfiguration;
import io.github.dbperf.cache.QueryCacheManager;
import io.github.dbperf.cache.TableInvalidator;
import io.github.dbperf.testing.TestPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @CachedQuery} on the local tier against a real PostgreSQL: hits, expiry, single
 * flight, typed keys and invalidation by committed writes.
 */
class CachedQueryIT {

	private static final String DATABASE = TestPostgres.newDatabase("cache");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues(TestPostgres.properties(DATABASE))
		.withPropertyValues("dbperf.cache.type=caffeine")
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
				MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, DbperfAutoConfiguration.class,
				JdbcCaptureAutoConfiguration.class, QueryAutoConfiguration.class, CacheAutoConfiguration.class))
		.withUserConfiguration(CategoryService.Configuration.class);

	@Test
	void whenCalledTwiceThenTheSecondCallDoesNotTouchTheDatabase() {
		this.contextRunner.run((context) -> {
			CategoryService service = seeded(context);
			assertThat(service.categories()).hasSize(3);
			assertThat(service.categories()).hasSize(3);
			assertThat(service.computations()).hasValue(1);
			assertThat(categoryReads(context)).isEqualTo(1);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("cache.gets")
				.tags("cache", "CategoryService.categories", "result", "hit")
				.functionCounter()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void whenTheTtlPassesThenTheEntryExpires() {
		this.contextRunner.run((context) -> {
			CategoryService service = seeded(context);
			assertThat(service.count()).isEqualTo(3);
			assertThat(service.count()).isEqualTo(3);
			assertThat(service.computations()).hasValue(1);
			// Polling reads the cached value until it expires; the first read after that
			// computes once
			Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				assertThat(service.count()).isEqualTo(3);
				assertThat(service.computations()).hasValue(2);
			});
		});
	}

	@Test
	void whenFiftyCallersMissTogetherThenTheMethodRunsOnce() {
		this.contextRunner.run((context) -> {
			CategoryService service = seeded(context);
			ExecutorService pool = Executors.newFixedThreadPool(50);
			try {
				CountDownLatch start = new CountDownLatch(1);
				List<Future<CategoryService.CategoryView>> results = new ArrayList<>();
				for (int i = 0; i < 50; i++) {
					results.add(pool.submit(() -> {
						start.await();
						return service.slowly(2);
					}));
				}
				start.countDown();
				for (Future<CategoryService.CategoryView> result : results) {
					assertThat(result.get(30, TimeUnit.SECONDS).name()).isEqualTo("books");
				}
			}
			finally {
				pool.shutdownNow();
			}
			assertThat(service.computations()).hasValue(1);
		});
	}

	@Test
	void whenKeysDifferOnlyInTypeThenTheyDoNotCollide() {
		this.contextRunner.run((context) -> {
			CategoryService service = seeded(context);
			assertThat(service.typed(1)).startsWith("Integer#");
			assertThat(service.typed(1L)).startsWith("Long#");
			assertThat(service.typed("1")).startsWith("String#");
			assertThat(service.typed(1L)).isEqualTo(service.typed(1L));
			assertThat(service.computations()).hasValue(3);
		});
	}

	@Test
	void whenKeyConditionAndUnlessAreSetThenTheyDecide() {
		this.contextRunner.run((context) -> {
			CategoryService service = seeded(context);
			service.byId(1, "a");
			service.byId(1, "b");
			assertThat(service.computations()).as("key is #id only").hasValue(1);
			service.byId(-1, "a");
			service.byId(-1, "a");
			assertThat(service.computations()).as("condition false: never cached").hasValue(3);
			assertThat(service.byId(99, "a")).isNull();
			assertThat(service.byId(99, "a")).isNull();
			assertThat(service.computations()).as("unless #result == null").hasValue(5);
		});
	}

	@Test
	void whenAnInsertCommitsThenEntriesThatReadTheTableAreEvictedAfterCommitNotBefore() {
		this.contextRunner.run((context) -> {
			CategoryService service = seeded(context);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(service.categories()).hasSize(3);
			assertThat(service.categoriesUntilExpiry()).hasSize(3);
			TableInvalidator invalidator = context.getBean(TableInvalidator.class);
			long invalidations = invalidator.invalidations();
			transactions(context).executeWithoutResult((status) -> {
				jdbc.update("insert into category (id, name) values (4, 'games')");
				assertThat(onOtherThread(service::categories)).as("not evicted before commit").hasSize(3);
			});
			assertThat(service.categories()).as("evicted after commit").hasSize(4);
			assertThat(service.categoriesUntilExpiry()).as("autoInvalidate = false").hasSize(3);
			assertThat(invalidator.invalidations()).isEqualTo(invalidations + 1);
		});
	}

	@Test
	void whenAWriteRollsBackThenNothingIsEvictedAndTheNextCommitStillEvicts() {
		this.contextRunner.run((context) -> {
			CategoryService service = seeded(context);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(service.categories()).hasSize(3);
			TableInvalidator invalidator = context.getBean(TableInvalidator.class);
			long invalidations = invalidator.invalidations();
			transactions(context).executeWithoutResult((status) -> {
				jdbc.update("insert into category (id, name) values (4, 'games')");
				status.setRollbackOnly();
			});
			assertThat(service.categories()).hasSize(3);
			assertThat(service.computations()).hasValue(1);
			assertThat(invalidator.invalidations()).isEqualTo(invalidations);
			transactions(context)
				.executeWithoutResult((status) -> jdbc.update("insert into category (id, name) values (5, 'maps')"));
			assertThat(service.categories()).hasSize(4);
		});
	}

	@Test
	void whenAReaderComputesWhileAWriteIsInFlightThenItsResultIsNotCached() {
		this.contextRunner.run((context) -> {
			CategoryService service = seeded(context);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			transactions(context).executeWithoutResult((status) -> {
				jdbc.update("insert into category (id, name) values (4, 'games')");
				assertThat(onOtherThread(service::categories)).as("reads the committed state").hasSize(3);
			});
			assertThat(service.categories()).as("the old result was not cached").hasSize(4);
			assertThat(service.computations()).hasValue(2);
		});
	}

	@Test
	void whenAnAutoCommitWriteRunsThenEntriesAreEvictedAtOnce() {
		this.contextRunner.run((context) -> {
			CategoryService service = seeded(context);
			assertThat(service.categories()).hasSize(3);
			context.getBean(JdbcTemplate.class).update("delete from category where id = 3");
			assertThat(service.categories()).hasSize(2);
		});
	}

	@Test
	void whenAWriteCommitsInAJdbcTransactionSpringDoesNotManageThenEntriesAreEvicted() {
		this.contextRunner.run((context) -> {
			CategoryService service = seeded(context);
			assertThat(service.categories()).hasSize(3);
			try (Connection connection = context.getBean(DataSource.class).getConnection()) {
				connection.setAutoCommit(false);
				try (Statement statement = connection.createStatement()) {
					statement.executeUpdate("insert into category (id, name) values (4, 'games')");
				}
				connection.commit();
			}
			assertThat(service.categories()).hasSize(4);
		});
	}

	@Test
	void whenManyWritesRunInOneTransactionThenOneSynchronizationEvictsAtCommitWithoutSortingTheOthers() {
		this.contextRunner.run((context) -> {
			CategoryService service = seeded(context);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(service.categories()).hasSize(3);
			OrderCounting other = new OrderCounting();
			transactions(context).executeWithoutResult((status) -> {
				TransactionSynchronizationManager.registerSynchronization(other);
				for (long id = 4; id < 24; id++) {
					jdbc.update("insert into category (id, name) values (?, 'more')", id);
				}
				// Sorting the synchronizations asks each for its order
				assertThat(other.orders).as("synchronizations sorted by writes").hasValue(0);
				assertThat(TransactionSynchronizationManager.getSynchronizations()).filteredOn(
						(synchronization) -> synchronization.getClass().getEnclosingClass() == TableInvalidator.class)
					.hasSize(1);
				assertThat(onOtherThread(service::categories)).as("not evicted before commit").hasSize(3);
			});
			assertThat(service.categories()).as("evicted at commit").hasSize(23);
		});
	}

	@Test
	void whenAnInnerTransactionCommitsWhileTheOuterRunsThenItsWritesAreEvictedAtItsOwnCommit() {
		this.contextRunner.run((context) -> {
			CategoryService service = seeded(context);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(service.categories()).hasSize(3);
			TransactionTemplate inner = transactions(context);
			inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
			transactions(context).executeWithoutResult((status) -> {
				jdbc.update("update category set name = name where id = 1");
				inner.executeWithoutResult(
						(innerStatus) -> jdbc.update("insert into category (id, name) values (4, 'games')"));
				assertThat(onOtherThread(service::categories)).as("evicted by the inner commit").hasSize(4);
			});
			assertThat(service.categories()).hasSize(4);
		});
	}

	@Test
	void whenATruncateRunsThenEntriesThatReadTheTableAreEvicted() {
		this.contextRunner.run((context) -> {
			CategoryService service = seeded(context);
			assertThat(service.categories()).hasSize(3);
			context.getBean(JdbcTemplate.class).execute("truncate table category");
			assertThat(service.categories()).hasSize(0);
			assertThat(service.computations()).hasValue(2);
		});
	}

	@Test
	void whenATruncateOfSeveralTablesRunsThenEntriesThatReadAnyOfThemAreEvicted() {
		this.contextRunner.run((context) -> {
			CategoryService service = seeded(context);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.execute("create table if not exists category_archive (id bigint primary key)");
			assertThat(service.categories()).hasSize(3);
			jdbc.execute("truncate category_archive, category");
			assertThat(service.categories()).as("category, the second table truncated, was evicted").isEmpty();
			assertThat(service.computations()).hasValue(2);
		});
	}

	@Test
	void whenADeleteFromOnlyRunsThenEntriesThatReadTheTableAreEvicted() {
		this.contextRunner.run((context) -> {
			CategoryService service = seeded(context);
			assertThat(service.categories()).hasSize(3);
			context.getBean(JdbcTemplate.class).update("delete from only category where id = 3");
			assertThat(service.categories()).hasSize(2);
		});
	}

	@Test
	void whenTheManagerEvictsThenTheNextCallComputes() {
		this.contextRunner.run((context) -> {
			CategoryService service = seeded(context);
			QueryCacheManager manager = context.getBean(QueryCacheManager.class);
			service.categories();
			assertThat(manager.clear("CategoryService.categories")).isTrue();
			service.categories();
			service.typed(7);
			assertThat(manager.evict("typed", 7)).isTrue();
			service.typed(7);
			assertThat(service.computations()).hasValue(4);
			assertThat(manager.caches()).filteredOn((cache) -> cache.name().equals("CategoryService.categories"))
				.singleElement()
				.satisfies((cache) -> {
					assertThat(cache.misses()).isEqualTo(2);
					assertThat(cache.tier()).isEqualTo("caffeine");
				});
			assertThat(manager.clear("unknown")).isFalse();
		});
	}

	private static TransactionTemplate transactions(AssertableApplicationContext context) {
		return new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
	}

	private static <T> T onOtherThread(java.util.concurrent.Callable<T> call) {
		ExecutorService thread = Executors.newSingleThreadExecutor();
		try {
			return thread.submit(call).get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			thread.shutdownNow();
		}
	}

	private static long categoryReads(AssertableApplicationContext context) {
		return context.getBean(io.github.dbperf.query.QueryStore.class)
			.entries(io.github.dbperf.query.QuerySort.CALLS, 100)
			.stream()
			.filter((entry) -> entry.sql().startsWith("select id, name from category"))
			.mapToLong(io.github.dbperf.query.QueryEntry::calls)
			.sum();
	}

	private static CategoryService seeded(AssertableApplicationContext context) {
		CategoryService service = context.getBean(CategoryService.class).seed();
		context.getBean(io.github.dbperf.cache.CaffeineCacheTier.class).clearAll();
		return service;
	}

	/**
	 * Another synchronization of the transaction, counting how often it is asked for its
	 * order, as sorting the synchronizations does.
	 */
	static final class OrderCounting implements TransactionSynchronization {

		final AtomicInteger orders = new AtomicInteger();

		@Override
		public int getOrder() {
			this.orders.incrementAndGet();
			return TransactionSynchronization.super.getOrder();
		}

	}

}
