package io.github.dbperf.it;

import io.github.dbperf.actuate.SlowQueriesEndpoint;
import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.actuate.DbperfEndpointAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.autoconfigure.pool.PoolAutoConfiguration;
import io.github.dbperf.autoconfigure.query.QueryAutoConfiguration;
import io.github.dbperf.query.QueryEntry;
import io.github.dbperf.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow-query capture on a real PostgreSQL.
 */
@ExtendWith(OutputCaptureExtension.class)
class PostgresSlowQueryIT {

	private static final String SECRET = "s3cr3t-card-4111111111111111";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues(TestPostgres.properties(TestPostgres.newDatabase("slow")))
		.withPropertyValues("dbperf.application-packages=io.github.dbperf.it",
				"management.endpoints.web.exposure.include=slowqueries")
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				DbperfAutoConfiguration.class, JdbcCaptureAutoConfiguration.class, QueryAutoConfiguration.class,
				PoolAutoConfiguration.class, DbperfEndpointAutoConfiguration.class));

	@Test
	void whenPgSleepRunsThenSlowQueriesShowsItsRealDurationAndCallSite(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			runSlowQuery(context.getBean(JdbcTemplate.class));
			SlowQueriesEndpoint endpoint = context.getBean(SlowQueriesEndpoint.class);
			QueryEntry sleep = endpoint.slowQueries("max", "5", null)
				.queries()
				.stream()
				.filter((entry) -> entry.sql().contains("pg_sleep"))
				.findFirst()
				.orElseThrow();
			assertThat(sleep.maxMs()).isGreaterThanOrEqualTo(200);
			assertThat(sleep.slowCalls()).isEqualTo(1);
			assertThat(sleep.callSites())
				.anySatisfy((site) -> assertThat(site.frame()).startsWith("PostgresSlowQueryIT.runSlowQuery("));
			assertThat(sleep.slowestSample().durationMs()).isGreaterThanOrEqualTo(200);
			assertThat(sleep.slowestSample().callSite()).startsWith("PostgresSlowQueryIT.runSlowQuery(");
			assertThat(output).containsPattern("Slow query: \\d{3,}ms \\[fingerprint [0-9a-f]{16}, dataSource\\]"
					+ " at PostgresSlowQueryIT.runSlowQuery\\(");
		});
	}

	@Test
	void whenASecretIsBoundAsParameterThenItAppearsNowhere(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.queryForList("select pg_sleep(0.15), ?::text as card", SECRET);
			jdbc.queryForList("select ?::text as card where 1 = 0", SECRET);
			SlowQueriesEndpoint endpoint = context.getBean(SlowQueriesEndpoint.class);
			String json = JsonMapper.builder().build().writeValueAsString(endpoint.slowQueries("total", "100", null));
			assertThat(json).contains("card").doesNotContain(SECRET);
			assertThat(output).contains("Slow query:").doesNotContain(SECRET);
		});
	}

	@Test
	void whenParameterCaptureIsOnThenSecretIsShownBecauseTheUserOptedIn(CapturedOutput output) {
		this.contextRunner.withPropertyValues("dbperf.queries.capture-parameters=true").run((context) -> {
			context.getBean(JdbcTemplate.class).queryForList("select pg_sleep(0.15), ?::text as card", SECRET);
			assertThat(output).contains(SECRET);
		});
	}

	private static void runSlowQuery(JdbcTemplate jdbc) {
		jdbc.queryForList("SELECT pg_sleep(0.2)");
	}

}
