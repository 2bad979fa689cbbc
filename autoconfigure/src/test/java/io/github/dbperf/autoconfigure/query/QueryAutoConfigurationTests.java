package io.github.dbperf.autoconfigure.query;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.github.dbperf.actuate.SlowQueriesEndpoint;
import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.InvalidDbperfPropertyException;
import io.github.dbperf.autoconfigure.actuate.DbperfEndpointAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.autoconfigure.pool.PoolAutoConfiguration;
import io.github.dbperf.context.ApplicationFrames;
import io.github.dbperf.it.blog.Owner;
import io.github.dbperf.it.blog.OwnerRepository;
import io.github.dbperf.jdbc.DbperfDataSource;
import io.github.dbperf.jdbc.StatementEvent;
import io.github.dbperf.jdbc.StatementListener;
import io.github.dbperf.query.QueryEntry;
import io.github.dbperf.query.QuerySort;
import io.github.dbperf.query.QueryStore;
import io.github.dbperf.query.RepositoryTimer;
import io.github.dbperf.query.SlowQueryLog;
import io.github.dbperf.query.StatementMetrics;
import io.github.dbperf.query.TopFingerprintMetrics;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link QueryAutoConfiguration} and statement capture.
 */
@ExtendWith(OutputCaptureExtension.class)
class QueryAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues("spring.datasource.generate-unique-name=true",
				"management.endpoints.web.exposure.include=slowqueries")
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				DbperfAutoConfiguration.class, JdbcCaptureAutoConfiguration.class, QueryAutoConfiguration.class,
				PoolAutoConfiguration.class, DbperfEndpointAutoConfiguration.class));

	@Test
	void whenStatementsRunThenTheStoreCountsThem() {
		this.contextRunner.run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.execute("create table item (id int primary key, name varchar(20))");
			for (int i = 0; i < 5; i++) {
				jdbc.update("insert into item (id, name) values (?, ?)", i, "n" + i);
			}
			QueryEntry insert = entryContaining(context.getBean(QueryStore.class), "insert into item");
			assertThat(insert.calls()).isEqualTo(5);
			assertThat(insert.operation()).isEqualTo("insert");
			assertThat(insert.rows()).isEqualTo(5);
			assertThat(insert.errors()).isZero();
			assertThat(insert.dataSource()).isEqualTo("dataSource");
			assertThat(insert.totalMs()).isGreaterThan(0);
			assertThat(insert.slowestSample()).isNotNull();
			assertThat(insert.slowestSample().parameters()).isNull();
			jdbc.queryForList("select name from item where id < ?", 3);
			assertThat(entryContaining(context.getBean(QueryStore.class), "select name from item").rows())
				.as("result rows are not counted, so not reported as 0")
				.isNull();
		});
	}

	@Test
	void whenAStatementFailsThenItCountsAsAnErrorAndStillThrows() {
		this.contextRunner.run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThatExceptionOfType(Exception.class).isThrownBy(() -> jdbc.queryForList("select * from missing"));
			assertThat(entryContaining(context.getBean(QueryStore.class), "missing").errors()).isEqualTo(1);
		});
	}

	@Test
	void whenSixteenThreadsRunStatementsThenCallsAreExact() {
		this.contextRunner.run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			QueryStore store = context.getBean(QueryStore.class);
			store.reset();
			int threads = 16;
			int perThread = 300;
			ExecutorService executor = Executors.newFixedThreadPool(threads);
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				futures.add(executor.submit(() -> {
					for (int i = 0; i < perThread; i++) {
						jdbc.queryForObject("select " + ((thread + i) % 7) + " as v", Integer.class);
					}
				}));
			}
			for (Future<?> future : futures) {
				future.get(60, TimeUnit.SECONDS);
			}
			executor.shutdown();
			long calls = store.entries(QuerySort.CALLS, 1000).stream().mapToLong(QueryEntry::calls).sum();
			assertThat(calls).isEqualTo((long) threads * perThread);
		});
	}

	@Test
	void whenParameterCaptureIsOnThenTheSlowestSampleHasThem() {
		this.contextRunner.withPropertyValues("dbperf.queries.capture-parameters=true").run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.queryForObject("select cast(? as varchar) as v", String.class, "visible-value");
			assertThat(entryContaining(context.getBean(QueryStore.class), "as v").slowestSample().parameters())
				.contains("visible-value");
		});
	}

	@Test
	void whenTheStoreIsFullThenLeastUsedFingerprintsAreEvicted() {
		this.contextRunner.withPropertyValues("dbperf.queries.max-fingerprints=20").run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			QueryStore store = context.getBean(QueryStore.class);
			for (int i = 0; i < 10; i++) {
				jdbc.queryForObject("select 1 as hot", Integer.class);
			}
			for (int i = 0; i < 200; i++) {
				jdbc.queryForObject("select 1 as c" + i, Integer.class);
			}
			assertThat(store.size()).isLessThanOrEqualTo(20);
			assertThat(store.evictions()).isPositive();
			assertThat(entryContaining(store, "as hot").calls()).isEqualTo(10);
		});
	}

	@Test
	void whenMeterRegistryIsPresentThenStatementsAreTimedAndHikariMetricsStillReport() {
		this.contextRunner
			.withConfiguration(
					AutoConfigurations.of(MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
							SimpleMetricsExportAutoConfiguration.class, DataSourcePoolMetricsAutoConfiguration.class))
			.run((context) -> {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				jdbc.queryForObject("select 1", Integer.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				FunctionTimer timer = registry.find("dbperf.statements")
					.tags("datasource", "dataSource", "operation", "select", "repository", "none")
					.functionTimer();
				assertThat(timer).isNotNull();
				double count = timer.count();
				assertThat(count).isPositive();
				assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).isPositive();
				jdbc.queryForObject("select 1", Integer.class);
				assertThat(timer.count()).isEqualTo(count + 1);
				assertThat(registry.find("hikaricp.connections").gauge()).isNotNull();
				assertThat(registry.find("hikaricp.connections.acquire").timer()).isNotNull();
			});
	}

	@Test
	void whenMeterRegistryIsPresentThenTopFingerprintsGetSeriesTaggedWithTheirIdOnly() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.withPropertyValues("dbperf.queries.metrics.top-n=2")
			.run((context) -> {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				for (int i = 0; i < 5; i++) {
					jdbc.queryForObject("select " + i + " as top_n_probe_" + i, Integer.class);
				}
				TopFingerprintMetrics metrics = context.getBean(TopFingerprintMetrics.class);
				assertThat(metrics.isRunning()).isTrue();
				metrics.refresh();
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				Collection<FunctionTimer> timers = registry.find("dbperf.queries").functionTimers();
				assertThat(timers).hasSize(3);
				assertThat(timers).extracting((timer) -> timer.getId().getTag("fingerprint"))
					.contains("other")
					.allSatisfy((tag) -> assertThat(tag).matches("[0-9a-f]{16}|other"));
				assertThat(timers.stream().mapToDouble(FunctionTimer::count).sum()).isGreaterThanOrEqualTo(5);
			});
	}

	@Test
	void whenTopFingerprintMetricsAreDisabledThenNoSeriesPerFingerprint() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.withPropertyValues("dbperf.queries.metrics.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(TopFingerprintMetrics.class).hasSingleBean(StatementMetrics.class);
				context.getBean(JdbcTemplate.class).queryForObject("select 1", Integer.class);
				assertThat(context.getBean(MeterRegistry.class).find("dbperf.queries").meters()).isEmpty();
			});
	}

	@Test
	void whenNoMeterRegistryExistsThenTopFingerprintMetricsAreNeitherBoundNorRefreshed() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(TopFingerprintMetrics.class);
			// Another test's cached context may run its own refresher, so this one's
			// state
			// is asked rather than the JVM's threads
			assertThat(context.getBean(TopFingerprintMetrics.class).isRunning()).isFalse();
		});
	}

	@Test
	void whenTopNIsOutOfRangeThenStartupFailsNamingTheProperty() {
		for (String topN : new String[] { "0", "501" }) {
			this.contextRunner.withPropertyValues("dbperf.queries.metrics.top-n=" + topN)
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.isInstanceOfSatisfying(InvalidDbperfPropertyException.class, (ex) -> {
						assertThat(ex.getProperty()).isEqualTo("dbperf.queries.metrics.top-n");
						assertThat(ex.getAllowed()).isEqualTo("a whole number from 1 to 500");
					}));
		}
	}

	@Test
	void whenRefreshIntervalIsBelowASecondThenStartupFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("dbperf.queries.metrics.refresh-interval=100ms")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidDbperfPropertyException.class, (ex) -> {
					assertThat(ex.getProperty()).isEqualTo("dbperf.queries.metrics.refresh-interval");
					assertThat(ex.getAllowed()).contains("at least 1s");
				}));
	}

	@Test
	void whenRepositoriesRunThenStatementsAreAttributedToTheirMethods() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(HibernateJpaAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class, DataJpaRepositoriesAutoConfiguration.class))
			.withUserConfiguration(EntitiesConfiguration.class)
			.run((context) -> {
				OwnerRepository owners = context.getBean(OwnerRepository.class);
				owners.findByName("nobody");
				owners.findByName("nobody");
				QueryEntry select = entryContaining(context.getBean(QueryStore.class), "where o1_0.name");
				assertThat(select.repositoryMethods()).containsExactly("OwnerRepository.findByName");
				assertThat(context.getBean(RepositoryTimer.class).methods()).anySatisfy((method) -> {
					assertThat(method.method()).isEqualTo("OwnerRepository.findByName");
					assertThat(method.calls()).isEqualTo(2);
					assertThat(method.statementsPerCall()).isGreaterThanOrEqualTo(1.0);
				});
			});
	}

	@Test
	void whenAConsumerFailsThenTheQuerySucceedsAndTheFailureIsLoggedOnce(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(FailingListenerConfiguration.class).run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			for (int i = 0; i < 3; i++) {
				assertThat(jdbc.queryForObject("select 5", Integer.class)).isEqualTo(5);
			}
			assertThat(entryContaining(context.getBean(QueryStore.class), "select").calls()).isEqualTo(3);
			// Failures are logged once per place and exception class for the JVM: this
			// listener class and exception class are this test's own, so no other test
			// can have used up the one line
			assertThat(
					output.toString().split(Pattern.quote("dbperf failed in " + FailingListener.class.getName()), -1))
				.hasSize(2);
			// The message may quote application data: only the class and origin are
			// logged
			assertThat(output).contains(ConsumerFailure.class.getName() + " at ").doesNotContain("broken consumer");
		});
	}

	@Test
	void whenRepositoryTimerIsOffThenNoAdvisor() {
		this.contextRunner.withPropertyValues("dbperf.queries.repository-timer=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RepositoryTimer.class)
				.doesNotHaveBean(RepositoryTimerAdvisor.class));
	}

	@Test
	void whenCaptureIsDisabledThenDataSourceIsNotWrapped() {
		this.contextRunner.withPropertyValues("dbperf.jdbc.enabled=false").run((context) -> {
			assertThat(context.getBean(DataSource.class)).isInstanceOf(HikariDataSource.class);
			assertThat(context).doesNotHaveBean(QueryStore.class);
		});
	}

	@Test
	void whenBeanIsExcludedThenItIsNotWrapped() {
		this.contextRunner.withPropertyValues("dbperf.jdbc.exclude-beans=dataSource")
			.run((context) -> assertThat(context.getBean(DataSource.class)).isInstanceOf(HikariDataSource.class));
	}

	@Test
	void whenDataSourcesAreLayeredThenEachStatementIsCapturedOnce() {
		this.contextRunner.withUserConfiguration(LayeredDataSourceConfiguration.class).run((context) -> {
			assertThat(context.getBean("lazyDataSource")).isInstanceOf(LazyConnectionDataSourceProxy.class);
			assertThat(context.getBean("dataSource")).isInstanceOf(DbperfDataSource.class);
			JdbcTemplate jdbc = new JdbcTemplate((DataSource) context.getBean("lazyDataSource"));
			jdbc.queryForObject("select 42 as layered", Integer.class);
			assertThat(entryContaining(context.getBean(QueryStore.class), "as layered").calls()).isEqualTo(1);
		});
	}

	@Test
	void whenSortLimitOrStartupIsBadThenEndpointRejectsTheRequestSayingWhatToSend() {
		this.contextRunner.run((context) -> {
			SlowQueriesEndpoint endpoint = context.getBean(SlowQueriesEndpoint.class);
			assertThatExceptionOfType(InvalidEndpointRequestException.class)
				.isThrownBy(() -> endpoint.slowQueries("slowest", null, null))
				.satisfies((ex) -> assertThat(ex.getReason()).contains("total, mean, max, p95"));
			assertThatExceptionOfType(InvalidEndpointRequestException.class)
				.isThrownBy(() -> endpoint.slowQueries(null, "0", null));
			assertThatExceptionOfType(InvalidEndpointRequestException.class)
				.isThrownBy(() -> endpoint.slowQueries(null, "ten", null));
			assertThatExceptionOfType(InvalidEndpointRequestException.class)
				.isThrownBy(() -> endpoint.slowQueries(null, null, "sometimes"));
			assertThat(endpoint.slowQueries("p95", "5", null).sort()).isEqualTo("p95");
			assertThat(endpoint.slowQuery("0000000000000000")).isNull();
		});
	}

	@Test
	void whenEndpointListsThenItSaysThresholdTrackedAndEvicted() {
		this.contextRunner.run((context) -> {
			context.getBean(JdbcTemplate.class).queryForObject("select 7 as seven", Integer.class);
			SlowQueriesEndpoint endpoint = context.getBean(SlowQueriesEndpoint.class);
			SlowQueriesEndpoint.SlowQueriesDescriptor descriptor = endpoint.slowQueries("calls", "10", null);
			assertThat(descriptor.slowThresholdMs()).isEqualTo(100);
			assertThat(descriptor.tracked()).isPositive();
			assertThat(descriptor.evictions()).isZero();
			QueryEntry seven = descriptor.queries()
				.stream()
				.filter((entry) -> entry.sql().contains("as seven"))
				.findFirst()
				.orElseThrow();
			assertThat(endpoint.slowQuery(seven.id())).isNotNull();
			endpoint.reset();
			assertThat(endpoint.slowQuery(seven.id())).isNull();
		});
	}

	@Test
	void whenSlowThresholdIsNotPositiveThenStartupFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("dbperf.queries.slow-threshold=0ms")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidDbperfPropertyException.class, (ex) -> {
					assertThat(ex.getProperty()).isEqualTo("dbperf.queries.slow-threshold");
					assertThat(ex.getAllowed()).startsWith("a positive duration");
				}));
	}

	@Test
	void whenPoolDurationIsNegativeThenStartupFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("dbperf.pool.tuning.connection-timeout=-1s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidDbperfPropertyException.class, (ex) -> {
					assertThat(ex.getProperty()).isEqualTo("dbperf.pool.tuning.connection-timeout");
					assertThat(ex.getAllowed()).contains("at least 250ms");
				}));
	}

	@Test
	void whenMaxRepositoryMethodsIsReachedThenLaterMethodsAreNotTimedWhateverTheTagLimit() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(HibernateJpaAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class, DataJpaRepositoriesAutoConfiguration.class))
			.withUserConfiguration(EntitiesConfiguration.class)
			.withPropertyValues("dbperf.queries.max-repository-methods=1", "dbperf.queries.max-repository-tags=50")
			.run((context) -> {
				OwnerRepository owners = context.getBean(OwnerRepository.class);
				owners.findByName("nobody");
				owners.findAllPets();
				owners.findByName("nobody");
				assertThat(context.getBean(RepositoryTimer.class).methods()).singleElement()
					.satisfies((method) -> assertThat(method.method()).isEqualTo("OwnerRepository.findByName"));
			});
	}

	@Test
	void whenAWriteRunsInAJdbcTransactionSpringDoesNotManageThenItIsCaptured() {
		this.contextRunner.run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			try (Connection connection = dataSource.getConnection()) {
				connection.setAutoCommit(false);
				try (Statement statement = connection.createStatement()) {
					statement.execute("create table note (id int primary key)");
					assertThat(statement.executeUpdate("insert into note (id) values (1), (2)")).isEqualTo(2);
				}
				connection.commit();
			}
			QueryEntry insert = entryContaining(context.getBean(QueryStore.class), "insert into note");
			assertThat(insert.calls()).isEqualTo(1);
			assertThat(insert.rows()).isEqualTo(2);
			assertThat(insert.repositoryMethods()).isEmpty();
		});
	}

	@Test
	void whenDbperfIsDisabledThenNothingIsConfigured() {
		this.contextRunner.withPropertyValues("dbperf.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(QueryStore.class)
				.doesNotHaveBean(SlowQueryLog.class)
				.doesNotHaveBean(RepositoryTimer.class)
				.doesNotHaveBean(SlowQueriesEndpoint.class));
	}

	@Test
	void whenMicrometerIsMissingThenNoStatementMetricsAndTheStoreStillWorks() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run((context) -> {
			assertThat(context).doesNotHaveBean(StatementMetrics.class)
				.doesNotHaveBean(TopFingerprintMetrics.class)
				.hasSingleBean(QueryStore.class);
			context.getBean(JdbcTemplate.class).queryForObject("select 3 as three", Integer.class);
			assertThat(entryContaining(context.getBean(QueryStore.class), "as three").calls()).isEqualTo(1);
		});
	}

	@Test
	void whenUserDefinesTheConsumersThenAutoConfigurationBacksOff() {
		this.contextRunner.withUserConfiguration(UserConsumersConfiguration.class).run((context) -> {
			assertThat(context).getBean(QueryStore.class).isSameAs(context.getBean("userQueryStore"));
			assertThat(context).getBean(SlowQueryLog.class).isSameAs(context.getBean("userSlowQueryLog"));
			assertThat(context).getBean(RepositoryTimer.class).isSameAs(context.getBean("userRepositoryTimer"));
			assertThat(context).getBean(StatementMetrics.class).isSameAs(context.getBean("userStatementMetrics"));
			assertThat(context.getBean(QueryStore.class).maxFingerprints()).isEqualTo(42);
		});
	}

	@Test
	void whenUserDefinesTheEndpointThenAutoConfigurationBacksOff() {
		this.contextRunner.withUserConfiguration(UserEndpointConfiguration.class)
			.run((context) -> assertThat(context).getBean(SlowQueriesEndpoint.class)
				.isSameAs(context.getBean("userSlowQueriesEndpoint")));
	}

	@Test
	void whenTheEndpointIsNotExposedThenItIsNotCreated() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=health")
			.run((context) -> assertThat(context).doesNotHaveBean(SlowQueriesEndpoint.class)
				.hasSingleBean(QueryStore.class));
	}

	@Test
	void whenTheEndpointIsNotAccessibleThenItIsNotCreated() {
		this.contextRunner.withPropertyValues("management.endpoint.slowqueries.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(SlowQueriesEndpoint.class));
	}

	@Test
	void whenTheActuatorIsMissingThenNoEndpoint() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SlowQueriesEndpoint.class)
				.hasSingleBean(QueryStore.class));
	}

	static QueryEntry entryContaining(QueryStore store, String sql) {
		return store.entries(QuerySort.CALLS, 1000)
			.stream()
			.filter((entry) -> entry.sql().toLowerCase(java.util.Locale.ROOT).contains(sql))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No fingerprint contains '" + sql + "' in "
					+ store.entries(QuerySort.CALLS, 1000).stream().map(QueryEntry::sql).toList()));
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = Owner.class)
	static class EntitiesConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	static class FailingListenerConfiguration {

		@Bean
		StatementListener failingListener() {
			return new FailingListener();
		}

	}

	static class FailingListener implements StatementListener {

		@Override
		public void onStatement(StatementEvent event) {
			throw new ConsumerFailure("broken consumer");
		}

	}

	static class ConsumerFailure extends IllegalStateException {

		ConsumerFailure(String message) {
			super(message);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserConsumersConfiguration {

		private static final ApplicationFrames FRAMES = new ApplicationFrames(List.of("com.example"));

		@Bean
		QueryStore userQueryStore() {
			return new QueryStore(42, Duration.ofSeconds(1), 100, FRAMES);
		}

		@Bean
		SlowQueryLog userSlowQueryLog() {
			return new SlowQueryLog(Duration.ofSeconds(1), Duration.ofSeconds(1), FRAMES);
		}

		@Bean
		RepositoryTimer userRepositoryTimer() {
			return new RepositoryTimer(1);
		}

		@Bean
		StatementMetrics userStatementMetrics(ObjectProvider<MeterRegistry> registry) {
			return new StatementMetrics(registry, Duration.ofSeconds(1), 1);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserEndpointConfiguration {

		@Bean
		SlowQueriesEndpoint userSlowQueriesEndpoint(QueryStore store) {
			return new SlowQueriesEndpoint(store, null);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class LayeredDataSourceConfiguration {

		@Bean
		DataSource dataSource() {
			return new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:mem:layered");
		}

		@Bean
		LazyConnectionDataSourceProxy lazyDataSource(DataSource dataSource) {
			return new LazyConnectionDataSourceProxy(dataSource);
		}

	}

}
