package io.github.dbperf.plan;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import io.github.dbperf.actuate.SlowQueriesEndpoint;
import io.github.dbperf.actuate.SlowQueriesEndpoint.PlanDescriptor;
import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.actuate.DbperfEndpointAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.autoconfigure.plan.PlanAutoConfiguration;
import io.github.dbperf.autoconfigure.query.QueryAutoConfiguration;
import io.github.dbperf.jdbc.StatementEvent;
import io.github.dbperf.query.QueryStore;
import io.github.dbperf.rules.FindingSource;
import io.github.dbperf.rules.RuleSettings;
import io.github.dbperf.rules.Rules;
import io.github.dbperf.sql.Fingerprint;
import io.github.dbperf.sql.SqlDialect;
import io.github.dbperf.sql.SqlFingerprinter;
import io.github.dbperf.testing.EnabledIfMariaDbReachable;
import io.github.dbperf.testing.TestMariaDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Plans on MariaDB, asked with the slow execution's values and shown with every literal
 * folded; data-changing statements planned and never run.
 *
 * @author dbperf
 */
@EnabledIfMariaDbReachable
@ExtendWith(OutputCaptureExtension.class)
class MariaDbPlanIT {

	private static final String SECRET = "s3cr3t-n0t-for-plans";

	private static final int SECRET_NUMBER = 7654321;

	private static PlanFixture fixture;

	@BeforeAll
	static void seed() {
		fixture = new PlanFixture(TestMariaDb.jdbcUrl(), TestMariaDb.username(), TestMariaDb.password(),
				SqlDialect.MYSQL, PlanFixture.settings(PlanSettings.GenericPlan.AUTO));
		fixture.execute("drop table if exists plan_account",
				"create table plan_account (id bigint primary key, email varchar(100) not null, "
						+ "region varchar(20) not null, score int not null)",
				"insert into plan_account select seq, concat('user', seq, '@example.com'), "
						+ "concat('r', seq % 50), seq % 100 from seq_1_to_100000",
				"analyze table plan_account");
	}

	@AfterAll
	static void close() {
		fixture.execute("drop table if exists plan_account");
		fixture.close();
	}

	@Test
	void slowPreparedStatementIsPlannedWithItsValuesWhichNeverAppearInThePlan() {
		CapturedPlan plan = slow("select id from plan_account where email = ? and score > ?", SECRET, "42");
		String shown = plan.plan().toString() + plan.summary() + plan.findings() + plan.headline();
		assertThat(shown).doesNotContain(SECRET).doesNotContain("42");
		assertThat(plan.source()).isEqualTo("EXPLAIN FORMAT=JSON");
		assertThat(plan.plan().toString()).contains("attached_condition");
		assertThat(plan.findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo(Rules.PLAN_MISSING_INDEX.id());
			assertThat(finding.columns()).containsExactly("email", "score");
			assertThat(finding.suggestion())
				.isEqualTo("create index plan_account_email_score_idx " + "on plan_account (email, score)");
			assertThat(finding.verified()).isFalse();
		});
	}

	@Test
	void plainStatementLiteralsAreFoldedAndALeadingWildcardSuggestsFulltext() {
		CapturedPlan plan = slow("select id from plan_account where email like '%" + SECRET + "%'");
		assertThat(plan.plan().toString()).doesNotContain(SECRET);
		assertThat(plan.findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo(Rules.PLAN_TRIGRAM_INDEX.id());
			assertThat(finding.suggestion()).contains("add fulltext index");
		});
	}

	@Test
	void dataChangingStatementsArePlannedButNeverRun() {
		long before = fixture.count("plan_account");
		slow("insert into plan_account (id, email, region, score) values (?, ?, ?, ?)", "200001", "x@y", "r1", "1");
		slow("update plan_account set score = ? where region = ?", "0", "r7");
		slow("delete from plan_account where region = ?", "r8");
		assertThat(fixture.count("plan_account")).isEqualTo(before).isEqualTo(100_000);
		assertThat(fixture.count("plan_account where region = 'r7' and score = 0")).isZero();
	}

	@Test
	void withoutValuesAPreparedStatementIsNotPlannedAndSaysWhy() {
		Fingerprint fingerprint = SqlFingerprinter.compute("select id from plan_account where region = ?",
				SqlDialect.MYSQL);
		PlanAnswer answer = fixture.plan("select id from plan_account where region = ?");
		assertThat(answer.status()).isEqualTo(PlanAnswer.Status.UNAVAILABLE);
		assertThat(answer.message()).contains("plan a statement only with values");
		long borrowed = fixture.plans.borrowedConnections();
		assertThat(fixture.plan("select id from plan_account where region = ?").message())
			.contains("plan a statement only with values");
		assertThat(fixture.plans.borrowedConnections()).isEqualTo(borrowed);
		CapturedPlan plan = slow("select id from plan_account where region = ?", "r9");
		assertThat(plan.id()).isEqualTo(fingerprint.id());
	}

	@Test
	void withoutParameterCaptureASlowPreparedStatementIsPlannedAndItsValuesAppearNowhere(CapturedOutput output) {
		String sql = "select id, region from plan_account where email = ? and score > ?";
		String id = SqlFingerprinter.compute(sql, SqlDialect.MYSQL).id();
		new ApplicationContextRunner().withPropertyValues(TestMariaDb.properties())
			.withPropertyValues("dbperf.queries.slow-threshold=1ms",
					"management.endpoints.web.exposure.include=slowqueries")
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, DbperfAutoConfiguration.class,
					JdbcCaptureAutoConfiguration.class, QueryAutoConfiguration.class, PlanAutoConfiguration.class,
					DbperfEndpointAutoConfiguration.class))
			.run((context) -> {
				QueryPlans plans = context.getBean(QueryPlans.class);
				// Run again until planned: the worker borrows only when the pool has an
				// idle connection
				await().atMost(Duration.ofSeconds(30)).until(() -> {
					runSecretQuery(context.getBean(DataSource.class), sql);
					PlanAnswer answer = plans.captured(id);
					return answer != null && answer.status() == PlanAnswer.Status.CAPTURED;
				});
				SlowQueriesEndpoint endpoint = context.getBean(SlowQueriesEndpoint.class);
				PlanDescriptor plan = endpoint.slowQueryPlan(id, "plan");
				assertThat(plan.status()).isEqualTo("captured");
				assertThat(plan.source()).isEqualTo("EXPLAIN FORMAT=JSON");
				assertThat(plan.findings()).isNotEmpty();
				JsonMapper json = JsonMapper.shared();
				String shown = json.writeValueAsString(plan) + json.writeValueAsString(endpoint.slowQuery(id))
						+ json.writeValueAsString(endpoint.slowQueries("total", "100", "include"))
						+ context.getBean(QueryStore.class).detail(id) + findings(context) + plans.headline(id);
				assertThat(shown).contains(id).contains("plan_account");
				assertThat(shown).doesNotContain(SECRET).doesNotContain(String.valueOf(SECRET_NUMBER));
				assertThat(output).contains("Slow query").contains(id);
				assertThat(output.getAll()).doesNotContain(SECRET).doesNotContain(String.valueOf(SECRET_NUMBER));
			});
	}

	@Test
	void aTextOfSeveralStatementsIsRefusedEvenWhereTheDriverAllowsMultiQueries() throws Exception {
		fixture.execute("drop table if exists plan_guard", "create table plan_guard (id int primary key, v int)",
				"insert into plan_guard select seq, 0 from seq_1_to_10");
		String url = TestMariaDb.jdbcUrl() + (TestMariaDb.jdbcUrl().contains("?") ? "&" : "?")
				+ "allowMultiQueries=true";
		String sql = "update plan_guard set v = 1 where id = 1; delete from plan_guard where v = 0; commit";
		Fingerprint fingerprint = SqlFingerprinter.compute(sql, SqlDialect.MYSQL);
		PlanCapture capture = new PlanCapture(PlanSettings.defaults(),
				new IndexAdvisor(10_000, RuleSettings.defaults()), JsonMapper.shared(), Clock.systemUTC());
		try (Connection connection = DriverManager.getConnection(url, TestMariaDb.username(), TestMariaDb.password())) {
			PlanAnswer answer = capture.capture(connection, new PlanRequest(fingerprint.id(), "dataSource",
					fingerprint.sql(), fingerprint.operation(), sql, null));
			assertThat(answer.status()).isEqualTo(PlanAnswer.Status.UNAVAILABLE);
			assertThat(answer.message()).contains("more than one statement");
		}
		finally {
			assertThat(fixture.count("plan_guard where v = 0")).isEqualTo(10);
			fixture.execute("drop table if exists plan_guard");
		}
	}

	private static void runSecretQuery(DataSource dataSource, String sql) throws SQLException {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement select = connection.prepareStatement(sql)) {
			select.setString(1, SECRET);
			select.setInt(2, SECRET_NUMBER);
			try (ResultSet rows = select.executeQuery()) {
				assertThat(rows.next()).isFalse();
			}
		}
	}

	@Test
	void whenTheDatabaseRefusesAStatementWithValuesThenItsMessageIsNotShown() {
		String sql = "select id from plan_account order by id limit ?";
		Fingerprint fingerprint = SqlFingerprinter.compute(sql, SqlDialect.MYSQL);
		fixture.plans.slow(new StatementEvent("dataSource", sql, fingerprint, 1_000_000_000L, true, 0, -1, null, null,
				List.of(List.<Object>of(SECRET)), 0));
		await().until(() -> fixture.plans.captured(fingerprint.id()) != null);
		PlanAnswer answer = fixture.plans.captured(fingerprint.id());
		assertThat(answer.status()).isEqualTo(PlanAnswer.Status.UNAVAILABLE);
		assertThat(answer.message()).contains("SQLState").doesNotContain(SECRET);
	}

	private static String findings(AssertableApplicationContext context) {
		StringBuilder findings = new StringBuilder();
		context.getBeansOfType(FindingSource.class).values().forEach((source) -> findings.append(source.findings()));
		return findings.toString();
	}

	private static CapturedPlan slow(String sql, String... values) {
		Fingerprint fingerprint = SqlFingerprinter.compute(sql, SqlDialect.MYSQL);
		List<List<Object>> parameters = (values.length > 0) ? List.of(List.<Object>of((Object[]) values)) : null;
		fixture.plans.slow(new StatementEvent("dataSource", sql, fingerprint, 1_000_000_000L, true, 0, -1, null, null,
				parameters, 0));
		await().until(() -> fixture.plans.captured(fingerprint.id()) != null
				&& fixture.plans.captured(fingerprint.id()).plan() != null);
		return fixture.plans.captured(fingerprint.id()).plan();
	}

}
