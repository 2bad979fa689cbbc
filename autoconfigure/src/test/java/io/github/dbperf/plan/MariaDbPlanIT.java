package io.github.dbperf.plan;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.List;

import io.github.dbperf.jdbc.StatementEvent;
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
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Plans on MariaDB, asked with the slow execution's values and shown with every literal
 * folded; data-changing statements planned and never run.
 *
 * @author dbperf
 */
@EnabledIfMariaDbReachable
class MariaDbPlanIT {

	private static final String SECRET = "s3cr3t-n0t-for-plans";

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
