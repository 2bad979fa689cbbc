package io.github.dbperf.plan;

import io.github.dbperf.rules.Rules;
import io.github.dbperf.sql.SqlDialect;
import io.github.dbperf.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plans on embedded PostgreSQL 17: the generic plan, the forced {@code PREPARE} path,
 * index advice, and data-changing statements that are planned but never run. PostgreSQL
 * 17 here has no HypoPG, so every suggestion is unverified.
 *
 * @author dbperf
 */
class PostgresPlanIT {

	private static PlanFixture generic;

	private static PlanFixture prepared;

	@BeforeAll
	static void seed() {
		String url = TestPostgres.newDatabase("plans");
		generic = new PlanFixture(url, TestPostgres.username(), TestPostgres.password(), SqlDialect.POSTGRESQL,
				PlanFixture.settings(PlanSettings.GenericPlan.AUTO));
		prepared = new PlanFixture(url, TestPostgres.username(), TestPostgres.password(), SqlDialect.POSTGRESQL,
				PlanFixture.settings(PlanSettings.GenericPlan.PREPARE));
		generic.execute(
				"create table post (id bigint primary key, author_id bigint not null, status varchar(20) not null, "
						+ "title varchar(200) not null, published_on timestamp not null)",
				"insert into post select g, g % 1000, case when g % 10 = 0 then 'draft' else 'published' end, "
						+ "'title ' || g, timestamp '2024-01-01' + g * interval '1 minute' "
						+ "from generate_series(1, 100000) g",
				"analyze post");
	}

	@AfterAll
	static void close() {
		generic.close();
		prepared.close();
	}

	@Test
	void genericPlanOfAFilteredScanSuggestsAnIndexWithEqualityFirstThenRangeThenOrderBy() {
		PlanAnswer answer = generic.plan(
				"select * from post where published_on > ? and author_id = ? " + "order by published_on desc limit 20");
		assertThat(answer.status()).isEqualTo(PlanAnswer.Status.CAPTURED);
		CapturedPlan plan = answer.plan();
		assertThat(plan.source()).isEqualTo("EXPLAIN (GENERIC_PLAN, FORMAT JSON)");
		assertThat(plan.database()).startsWith("PostgreSQL 17");
		assertThat(plan.summary().totalCost()).isPositive();
		assertThat(plan.summary().nodes()).anySatisfy((node) -> {
			assertThat(node.type()).isEqualTo("Seq Scan");
			assertThat(node.table()).isEqualTo("post");
			assertThat(node.tableRows()).isEqualTo(100_000L);
		});
		assertThat(plan.findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo(Rules.PLAN_MISSING_INDEX.id());
			assertThat(finding.columns()).containsExactly("author_id", "published_on", "published_on desc");
			assertThat(finding.suggestion()).startsWith("create index concurrently post_author_id_published_on");
			assertThat(finding.verified()).isFalse();
			assertThat(finding.costBefore()).isNull();
		});
		assertThat(plan.headline()).startsWith("Seq Scan on post (est. 100,000 rows); suggests create index");
		assertThat(generic.plans.findings()).anySatisfy((finding) -> {
			assertThat(finding.rule()).isEqualTo(Rules.PLAN_MISSING_INDEX.id());
			assertThat(finding.where().fingerprint()).isEqualTo(plan.id());
			assertThat(finding.where().columns()).containsExactly("author_id", "published_on", "published_on desc");
		});
	}

	@Test
	void functionOfAColumnSuggestsAnExpressionIndex() {
		PlanAnswer answer = generic.plan("select id from post where lower(status) = ?");
		assertThat(answer.plan().findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo(Rules.PLAN_EXPRESSION_INDEX.id());
			assertThat(finding.suggestion()).endsWith("on post ((lower(status)))");
		});
	}

	@Test
	void leadingWildcardSuggestsATrigramIndex() {
		String raw = "select id from post where lower(title) like lower(('%'||?||'%'))";
		io.github.dbperf.sql.Fingerprint fingerprint = io.github.dbperf.sql.SqlFingerprinter.compute(raw,
				SqlDialect.POSTGRESQL);
		PlanRequest request = new PlanRequest(fingerprint.id(), "dataSource", fingerprint.sql(),
				fingerprint.operation(), raw, null);
		PlanAnswer answer = capture(generic, request);
		assertThat(answer.plan().findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo(Rules.PLAN_TRIGRAM_INDEX.id());
			assertThat(finding.suggestion()).isEqualTo("create extension if not exists pg_trgm; "
					+ "create index concurrently post_lower_title_trgm_idx on post using gin (lower(title) gin_trgm_ops)");
			assertThat(finding.message()).contains("full-text search");
		});
	}

	@Test
	void preparePathPlansGenericallyWithoutValues() {
		PlanAnswer answer = prepared.plan("select * from post where status = ? and author_id = ?");
		assertThat(answer.status()).isEqualTo(PlanAnswer.Status.CAPTURED);
		assertThat(answer.plan().source()).startsWith("PREPARE with plan_cache_mode = force_generic_plan");
		assertThat(answer.plan().findings()).singleElement()
			.satisfies((finding) -> assertThat(finding.columns()).containsExactly("status", "author_id"));
	}

	@Test
	void dataChangingStatementsArePlannedButNeverRun() {
		for (PlanFixture fixture : new PlanFixture[] { generic, prepared }) {
			long before = fixture.count("post");
			assertThat(fixture
				.plan("insert into post (id, author_id, status, title, published_on) " + "values (?, ?, ?, ?, ?)")
				.status()).isEqualTo(PlanAnswer.Status.CAPTURED);
			assertThat(fixture.plan("update post set status = ? where author_id = ?").status())
				.isEqualTo(PlanAnswer.Status.CAPTURED);
			assertThat(fixture.plan("delete from post where author_id = ?").status())
				.isEqualTo(PlanAnswer.Status.CAPTURED);
			assertThat(fixture.count("post")).isEqualTo(before).isEqualTo(100_000);
			assertThat(fixture.count("post where author_id = 10 and status = 'draft'")).isEqualTo(100);
		}
	}

	@Test
	void aTextOfSeveralStatementsIsRefusedOnEveryPathAndNothingRuns() {
		generic.execute("create table plan_guard (id int primary key, v int)",
				"insert into plan_guard select g, 0 from generate_series(1, 10) g");
		for (PlanFixture fixture : new PlanFixture[] { generic, prepared }) {
			long borrowed = fixture.plans.borrowedConnections();
			PlanAnswer answer = fixture
				.plan("update plan_guard set v = 1 where id = 1; commit; delete from plan_guard where v = 0");
			assertThat(answer.status()).isEqualTo(PlanAnswer.Status.UNAVAILABLE);
			assertThat(answer.message()).contains("more than one statement");
			assertThat(fixture.plans.borrowedConnections()).isEqualTo(borrowed + 1);
			assertThat(fixture.count("plan_guard")).isEqualTo(10);
			assertThat(fixture.count("plan_guard where v = 0")).isEqualTo(10);
		}
	}

	@Test
	void anUnplannableAnswerIsNotAskedForAgainWithinTheInterval() {
		long borrowed = generic.plans.borrowedConnections();
		String twoStatements = "select 1; select 2";
		assertThat(generic.plan(twoStatements).message()).contains("more than one statement");
		assertThat(generic.plan(twoStatements).message()).contains("more than one statement");
		assertThat(generic.plans.borrowedConnections()).isEqualTo(borrowed + 1);
	}

	static PlanAnswer capture(PlanFixture fixture, PlanRequest request) {
		try (java.sql.Connection connection = fixture.pool.getConnection()) {
			return new PlanCapture(PlanSettings.defaults(),
					new IndexAdvisor(10_000, io.github.dbperf.rules.RuleSettings.defaults()),
					tools.jackson.databind.json.JsonMapper.shared(), java.time.Clock.systemUTC())
				.capture(connection, request);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
