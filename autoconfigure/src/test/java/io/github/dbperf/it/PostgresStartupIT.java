package io.github.dbperf.it;

import java.util.List;

import io.github.dbperf.actuate.SlowQueriesEndpoint;
import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.actuate.DbperfEndpointAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.autoconfigure.nplusone.NPlusOneAutoConfiguration;
import io.github.dbperf.autoconfigure.query.QueryAutoConfiguration;
import io.github.dbperf.nplusone.NPlusOneDetector;
import io.github.dbperf.nplusone.UnitOfWork;
import io.github.dbperf.query.QueryEntry;
import io.github.dbperf.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Statements that run while a {@code SpringApplication} starts (DDL and a seeding
 * runner), on a real PostgreSQL: marked as startup statements, left out of a fresh
 * {@code slowqueries} listing and of the slow-query log.
 */
@ExtendWith(OutputCaptureExtension.class)
class PostgresStartupIT {

	private static final String DATABASE = TestPostgres.newDatabase("startup");

	@Test
	void whenARunnerSeedsAtStartupThenAFreshListingShowsOnlyTheApplicationsOwnStatements(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start()) {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			for (int i = 0; i < 3; i++) {
				jdbc.queryForObject("select count(*) from startup_item where name like ?", Long.class, "item-%");
			}
			SlowQueriesEndpoint endpoint = context.getBean(SlowQueriesEndpoint.class);
			assertThat(sql(endpoint.slowQueries("total", "100", null).queries()))
				.containsExactly("select count(*) from startup_item where name like ?");
			assertThat(sql(endpoint.slowQueries("total", "100", "only").queries())).contains(
					"insert into startup_item(name) values (...)", "create table startup_item(id serial, name text)",
					"select pg_sleep(?)");
			assertThat(sql(endpoint.slowQueries("total", "100", "include").queries())).contains(
					"insert into startup_item(name) values (...)",
					"select count(*) from startup_item where name like ?");
			QueryEntry insert = endpoint.slowQueries("calls", "100", "only")
				.queries()
				.stream()
				.filter((entry) -> entry.sql().startsWith("insert into startup_item"))
				.findFirst()
				.orElseThrow();
			assertThat(insert.calls()).isEqualTo(50);
			assertThat(insert.repositoryMethods()).containsExactly("startup");
		}
		assertThat(output).doesNotContain("in startup: ")
			.doesNotContain("pg_sleep")
			.contains("statements at or above the slow threshold ran during startup");
	}

	@Test
	void whenStartupSlowLogIsOnThenStartupStatementsAreLoggedOneByOne(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start("dbperf.queries.slow-log-startup=true")) {
			assertThat(output).contains("Slow query: ").contains("in startup: select pg_sleep(?)");
		}
	}

	@Test
	void whenDdlRepeatsInAUnitOfWorkThenItIsNeitherAnNPlusOneNorLoggedAsSlow(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start("dbperf.queries.slow-log-startup=true")) {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			NPlusOneDetector detector = context.getBean(NPlusOneDetector.class);
			UnitOfWork unit = detector.open("migration");
			for (int i = 1; i <= 5; i++) {
				jdbc.execute("create table ddl_loop_" + i + " (id int)");
				jdbc.execute("comment on table ddl_loop_" + i + " is 'table " + i + "'");
				jdbc.execute("alter table ddl_loop_" + i + " add column name text");
			}
			for (int i = 1; i <= 5; i++) {
				jdbc.execute("drop table ddl_loop_" + i);
			}
			assertThat(detector.evaluate(unit)).isEmpty();
			detector.close(unit);
			assertThat(detector.store().incidents()).isEmpty();
			assertThat(output).doesNotContain("table ddl_loop_").doesNotContain("comment on table");
		}
	}

	private static ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(StartupConfiguration.class).web(WebApplicationType.NONE)
			.properties(TestPostgres.properties(DATABASE))
			.properties("dbperf.application-packages=io.github.dbperf.it", "dbperf.queries.slow-threshold=1ms",
					"dbperf.queries.slow-log-interval=0s", "management.endpoints.web.exposure.include=slowqueries")
			.properties(properties)
			.run();
	}

	private static List<String> sql(List<QueryEntry> entries) {
		return entries.stream().map(QueryEntry::sql).toList();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
			DbperfAutoConfiguration.class, JdbcCaptureAutoConfiguration.class, QueryAutoConfiguration.class,
			NPlusOneAutoConfiguration.class, DbperfEndpointAutoConfiguration.class })
	static class StartupConfiguration {

		@Bean
		ApplicationRunner seeder(JdbcTemplate jdbc) {
			return (args) -> {
				jdbc.execute("drop table if exists startup_item");
				jdbc.execute("create table startup_item (id serial, name text)");
				for (int i = 0; i < 50; i++) {
					jdbc.update("insert into startup_item (name) values (?)", "item-" + i);
				}
				jdbc.queryForObject("select pg_sleep(0.05)", Object.class);
			};
		}

	}

}
