package io.github.dbperf.it;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.github.dbperf.advisor.DataAccessReport;
import io.github.dbperf.advisor.PoolReport;
import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.autoconfigure.pool.PoolAutoConfiguration;
import io.github.dbperf.autoconfigure.query.QueryAutoConfiguration;
import io.github.dbperf.pool.ConnectionTrackers;
import io.github.dbperf.pool.SettingSource;
import io.github.dbperf.query.QueryEntry;
import io.github.dbperf.query.QuerySort;
import io.github.dbperf.query.QueryStore;
import io.github.dbperf.testing.TestPostgres;
import net.ttddyy.observation.boot.autoconfigure.DataSourceObservationAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Statement capture behind every wrapper applications put around the pool, on a real
 * PostgreSQL: each statement is captured exactly once and the HikariCP pool underneath is
 * still found.
 */
@ExtendWith(OutputCaptureExtension.class)
class DataSourceWrapperIT {

	private static final String BOOT_LAZY_CONNECTION_CONFIGURATION = "org.springframework.boot.jdbc.autoconfigure.LazyConnectionDataSourceConfiguration";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues(TestPostgres.properties(TestPostgres.newDatabase("wrappers")))
		.withPropertyValues("dbperf.application-packages=io.github.dbperf.it",
				"dbperf.pool.starvation.long-hold-threshold=50ms")
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, DbperfAutoConfiguration.class,
				JdbcCaptureAutoConfiguration.class, QueryAutoConfiguration.class, PoolAutoConfiguration.class));

	@Test
	@EnabledIf("bootFetchesConnectionsLazily")
	void whenBootFetchesConnectionsLazilyThenEachStatementIsCapturedOnceAndThePoolIsFound() {
		this.contextRunner.withPropertyValues("spring.datasource.connection-fetch=lazy").run((context) -> {
			assertThat(context.getBean(DataSource.class)).isInstanceOf(LazyConnectionDataSourceProxy.class);
			assertCapturedOnceAndPoolFound(context);
		});
	}

	@Test
	void whenAPostProcessorWrapsThePoolInALazyConnectionProxyThenEachStatementIsCapturedOnceAndThePoolIsFound() {
		this.contextRunner.withUserConfiguration(LazyConnectionWrapping.class).run((context) -> {
			assertThat(context.getBean(DataSource.class)).isInstanceOf(LazyConnectionDataSourceProxy.class);
			assertCapturedOnceAndPoolFound(context);
		});
	}

	@Test
	void whenAPostProcessorWrapsThePoolInATransactionAwareProxyThenEachStatementIsCapturedOnceAndThePoolIsFound() {
		this.contextRunner.withUserConfiguration(TransactionAwareWrapping.class).run((context) -> {
			assertThat(context.getBean(DataSource.class)).isInstanceOf(TransactionAwareDataSourceProxy.class);
			assertCapturedOnceAndPoolFound(context);
		});
	}

	@Test
	void whenAPostProcessorThatRunsFirstWrapsThePoolThenEachStatementIsCapturedOnceAndThePoolIsFound() {
		this.contextRunner.withUserConfiguration(EarlyCustomWrapping.class).run((context) -> {
			assertThat(context.getBean(DataSource.class).isWrapperFor(CustomDataSource.class)).isTrue();
			assertCapturedOnceAndPoolFound(context);
		});
	}

	@Test
	void whenDatasourceMicrometerWrapsThePoolThenEachStatementIsCapturedOnceAndThePoolIsFound() {
		withDatasourceMicrometer(this.contextRunner).run(DataSourceWrapperIT::assertOutermostIsMicrometer);
	}

	@Test
	void whenDatasourceMicrometerAndALazyConnectionProxyAreStackedThenEachStatementIsCapturedOnce() {
		withDatasourceMicrometer(this.contextRunner.withUserConfiguration(LazyConnectionWrapping.class))
			.run(DataSourceWrapperIT::assertOutermostIsMicrometer);
	}

	@Test
	void whenAWrapperBeanDelegatesToThePoolBeanThenBothShowCaptureOnAndStatementsAreCapturedOnce() {
		this.contextRunner.withUserConfiguration(WrapperBean.class).run((context) -> {
			DataSource wrapper = context.getBean("appDataSource", DataSource.class);
			assertCapturedOnce(context, wrapper);
			assertThat(context.getBean(DataAccessReport.class).pools())
				.extracting(PoolReport::name, PoolReport::captured)
				.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("dataSource", true),
						org.assertj.core.groups.Tuple.tuple("appDataSource", true));
		});
	}

	@Test
	void whenARoutingDataSourceRoutesToPlainDataSourcesThenItsStatementsAreCapturedOnce() {
		this.contextRunner.withUserConfiguration(RoutingBean.class).run((context) -> {
			assertCapturedOnce(context, context.getBean("routingDataSource", DataSource.class));
			assertThat(context.getBean(DataAccessReport.class).pools())
				.allSatisfy((pool) -> assertThat(pool.captured()).as("captured %s", pool.name()).isTrue());
		});
	}

	@Test
	void whenTheDataSourceIsExcludedThenOneWarningNamesItAndTheEndpointShowsCaptureOff(CapturedOutput output) {
		this.contextRunner.withPropertyValues("dbperf.jdbc.exclude-beans=dataSource").run((context) -> {
			assertThat(context).hasNotFailed();
			PoolReport pool = context.getBean(DataAccessReport.class).pools().get(0);
			assertThat(pool.captured()).isFalse();
			assertThat(pool.type()).isEqualTo(HikariDataSource.class.getName());
		});
		assertThat(output.getAll().lines().filter((line) -> line.contains("WARN") && line.contains("'dataSource'")))
			.singleElement()
			.satisfies((line) -> assertThat(line).contains("captures no statements")
				.contains("dbperf.jdbc.exclude-beans"));
	}

	@Test
	void whenEveryDataSourceIsCapturedThenNoCaptureWarning(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(LazyConnectionWrapping.class)
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output.getAll()).doesNotContain("captures no statements");
	}

	static boolean bootFetchesConnectionsLazily() {
		return ClassUtils.isPresent(BOOT_LAZY_CONNECTION_CONFIGURATION, null);
	}

	private static ApplicationContextRunner withDatasourceMicrometer(ApplicationContextRunner runner) {
		return runner.withPropertyValues("management.tracing.export.enabled=false")
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
					DataSourceObservationAutoConfiguration.class));
	}

	private static void assertOutermostIsMicrometer(AssertableApplicationContext context) throws Exception {
		// datasource-micrometer's JDK proxy is the outermost wrapper
		assertThat(Proxy.isProxyClass(context.getBean(DataSource.class).getClass())).isTrue();
		assertCapturedOnceAndPoolFound(context);
	}

	private static void assertCapturedOnceAndPoolFound(AssertableApplicationContext context) throws Exception {
		assertThat(context).hasNotFailed();
		DataSource dataSource = context.getBean(DataSource.class);
		assertCapturedOnce(context, dataSource);
		DataAccessReport report = context.getBean(DataAccessReport.class);
		PoolReport pool = report.pools().get(0);
		assertThat(pool.name()).isEqualTo("dataSource");
		assertThat(pool.captured()).isTrue();
		assertThat(pool.type()).isEqualTo(HikariDataSource.class.getName());
		assertThat(pool.settings()).anySatisfy((setting) -> {
			assertThat(setting.name()).isEqualTo("connectionTimeout");
			assertThat(setting.source()).isEqualTo(SettingSource.DBPERF);
		});
		assertThat(report.findings()).noneSatisfy((finding) -> assertThat(finding.message()).contains("not wrap"));
		assertThat(context.getBean(ConnectionTrackers.class).get("dataSource")).isNotNull();
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("select 1 as held_long");
			await().untilAsserted(() -> assertThat(report.pools().get(0).longHolds()).isNotEmpty());
		}
		assertThat(report.pools().get(0).longHolds()).isEmpty();
	}

	private static void assertCapturedOnce(AssertableApplicationContext context, DataSource dataSource) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		for (int i = 0; i < 3; i++) {
			jdbc.queryForObject("select 7 as captured_once", Integer.class);
		}
		new TransactionTemplate(new DataSourceTransactionManager(dataSource)).executeWithoutResult((status) -> {
			jdbc.queryForObject("select 7 as captured_once", Integer.class);
			jdbc.queryForObject("select 7 as captured_once", Integer.class);
		});
		QueryStore store = context.getBean(QueryStore.class);
		assertThat(store.entries(QuerySort.CALLS, 1000)
			.stream()
			.filter((entry) -> entry.sql().toLowerCase(Locale.ROOT).contains("captured_once"))
			.mapToLong(QueryEntry::calls)
			.sum()).isEqualTo(5);
	}

	@Configuration(proxyBeanMethods = false)
	static class LazyConnectionWrapping {

		// Wraps as Boot 4.1 does for spring.datasource.connection-fetch=lazy (the
		// declared type tells the context the post-processor's order)
		@Bean
		static OrderedWrapping lazyConnectionWrapping() {
			return new OrderedWrapping(0, LazyConnectionDataSourceProxy::new);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TransactionAwareWrapping {

		@Bean
		static BeanPostProcessor transactionAwareWrapping() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					return (bean instanceof DataSource dataSource) ? new TransactionAwareDataSourceProxy(dataSource)
							: bean;
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EarlyCustomWrapping {

		@Bean
		static EarlyWrapping earlyCustomWrapping() {
			return new EarlyWrapping();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WrapperBean {

		@Bean
		HikariDataSource dataSource(org.springframework.core.env.Environment environment) {
			HikariDataSource dataSource = new HikariDataSource();
			dataSource.setJdbcUrl(environment.getProperty("spring.datasource.url"));
			dataSource.setUsername(environment.getProperty("spring.datasource.username"));
			dataSource.setPassword(environment.getProperty("spring.datasource.password"));
			return dataSource;
		}

		@Bean
		DataSource appDataSource(DataSource dataSource) {
			return new CustomDataSource(dataSource);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RoutingBean {

		@Bean
		AbstractRoutingDataSource routingDataSource(org.springframework.core.env.Environment environment) {
			org.springframework.jdbc.datasource.SimpleDriverDataSource target = new org.springframework.jdbc.datasource.SimpleDriverDataSource(
					new org.postgresql.Driver(), environment.getProperty("spring.datasource.url"),
					environment.getProperty("spring.datasource.username"),
					environment.getProperty("spring.datasource.password"));
			AbstractRoutingDataSource routing = new AbstractRoutingDataSource() {

				@Override
				protected Object determineCurrentLookupKey() {
					return "only";
				}

			};
			routing.setTargetDataSources(Map.of("only", target));
			return routing;
		}

	}

	static class CustomDataSource extends DelegatingDataSource {

		CustomDataSource(DataSource target) {
			super(target);
		}

	}

	static class OrderedWrapping implements BeanPostProcessor, Ordered {

		private final int order;

		private final java.util.function.Function<DataSource, DataSource> wrapper;

		OrderedWrapping(int order, java.util.function.Function<DataSource, DataSource> wrapper) {
			this.order = order;
			this.wrapper = wrapper;
		}

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			return (beanName.equals("dataSource") && bean instanceof DataSource dataSource)
					? this.wrapper.apply(dataSource) : bean;
		}

		@Override
		public int getOrder() {
			return this.order;
		}

	}

	static class EarlyWrapping implements BeanPostProcessor, PriorityOrdered {

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			return (bean instanceof HikariDataSource dataSource) ? new CustomDataSource(dataSource) : bean;
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
