package io.github.dbperf.autoconfigure.server;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.github.dbperf.actuate.SlowQueriesEndpoint;
import io.github.dbperf.advisor.CatalogChecks;
import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.InvalidDbperfPropertyException;
import io.github.dbperf.autoconfigure.actuate.DbperfEndpointAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.autoconfigure.pool.PoolAutoConfiguration;
import io.github.dbperf.autoconfigure.query.QueryAutoConfiguration;
import io.github.dbperf.query.QueryStore;
import io.github.dbperf.rules.RuleSettings;
import io.github.dbperf.server.ServerStatistics;
import io.github.dbperf.server.ServerView;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ServerStatisticsAutoConfiguration}.
 */
class ServerStatisticsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues("spring.datasource.generate-unique-name=true",
				"management.endpoints.web.exposure.include=slowqueries")
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, DbperfAutoConfiguration.class,
				JdbcCaptureAutoConfiguration.class, QueryAutoConfiguration.class, PoolAutoConfiguration.class,
				ServerStatisticsAutoConfiguration.class, EndpointAutoConfiguration.class,
				DbperfEndpointAutoConfiguration.class));

	@Test
	void whenDefaultsThenServerStatisticsAndCatalogChecksAreCreated() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ServerStatistics.class).hasSingleBean(CatalogChecks.class);
			ServerStatisticsProperties properties = context.getBean(ServerStatisticsProperties.class);
			assertThat(properties.getMaxAge()).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.getMaxRows()).isEqualTo(500);
			assertThat(properties.getStatementTimeout()).isEqualTo(Duration.ofSeconds(2));
			assertThat(context.getBean(CatalogProperties.class).getRefreshInterval()).isEqualTo(Duration.ofMinutes(10));
		});
	}

	@Test
	void whenTheDatabaseKeepsNoStatementStatisticsThenTheServerBlockSaysSo() {
		this.contextRunner.run((context) -> {
			new JdbcTemplate(context.getBean(DataSource.class)).queryForList("select 1");
			String id = context.getBean(QueryStore.class)
				.entries(io.github.dbperf.query.QuerySort.TOTAL, 10, io.github.dbperf.query.StartupFilter.INCLUDE)
				.get(0)
				.id();
			ServerView server = context.getBean(SlowQueriesEndpoint.class).slowQuery(id).server();
			assertThat(server.status()).isEqualTo(ServerView.UNAVAILABLE);
			assertThat(server.reason()).contains("PostgreSQL, MySQL and MariaDB only").contains("H2");
			assertThat(context.getBean(CatalogChecks.class).findings()).isEmpty();
		});
	}

	@Test
	void whenServerStatisticsAreDisabledThenTheEndpointShowsNoServerBlock() {
		this.contextRunner.withPropertyValues("dbperf.server-statistics.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ServerStatistics.class).hasSingleBean(CatalogChecks.class);
			new JdbcTemplate(context.getBean(DataSource.class)).queryForList("select 1");
			String id = context.getBean(QueryStore.class)
				.entries(io.github.dbperf.query.QuerySort.TOTAL, 10, io.github.dbperf.query.StartupFilter.INCLUDE)
				.get(0)
				.id();
			assertThat(context.getBean(SlowQueriesEndpoint.class).slowQuery(id).server()).isNull();
		});
	}

	@Test
	void whenCatalogChecksAreDisabledThenNoneAreCreated() {
		this.contextRunner.withPropertyValues("dbperf.catalog.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CatalogChecks.class)
				.hasSingleBean(ServerStatistics.class));
	}

	@Test
	void whenDbperfIsDisabledThenNothingIsCreated() {
		this.contextRunner.withPropertyValues("dbperf.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CatalogChecks.class)
				.doesNotHaveBean(ServerStatistics.class));
	}

	@Test
	void whenTheUserDefinesThemThenTheirsAreUsed() {
		this.contextRunner.withUserConfiguration(UserConfiguration.class).run((context) -> {
			assertThat(context.getBean(ServerStatistics.class)).isSameAs(context.getBean("userServerStatistics"));
			assertThat(context.getBean(CatalogChecks.class)).isSameAs(context.getBean("userCatalogChecks"));
		});
	}

	@Test
	void whenMaxAgeIsTooShortThenStartupFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("dbperf.server-statistics.max-age=10ms")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidDbperfPropertyException.class, (ex) -> {
					assertThat(ex.getProperty()).isEqualTo("dbperf.server-statistics.max-age");
					assertThat(ex.getAllowed()).contains("at least 1s");
				}));
	}

	@Test
	void whenMaxRowsIsZeroThenStartupFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("dbperf.server-statistics.max-rows=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidDbperfPropertyException.class,
						(ex) -> assertThat(ex.getProperty()).isEqualTo("dbperf.server-statistics.max-rows")));
	}

	@Test
	void whenCatalogStatementTimeoutIsTooLongThenStartupFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("dbperf.catalog.statement-timeout=2m")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidDbperfPropertyException.class, (ex) -> {
					assertThat(ex.getProperty()).isEqualTo("dbperf.catalog.statement-timeout");
					assertThat(ex.getAllowed()).contains("at most 1m");
				}));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserConfiguration {

		@Bean
		ServerStatistics userServerStatistics() {
			return new ServerStatistics(Map::of, Duration.ofMinutes(1), 10, Duration.ofSeconds(1));
		}

		@Bean
		CatalogChecks userCatalogChecks() {
			return new CatalogChecks(Map::<String, DataSource>of, Duration.ofMinutes(1), 10, Duration.ofSeconds(1),
					RuleSettings::defaults);
		}

	}

}
