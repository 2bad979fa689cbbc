package io.github.dbperf.it;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.autoconfigure.nplusone.NPlusOneAutoConfiguration;
import io.github.dbperf.autoconfigure.query.QueryAutoConfiguration;
import io.github.dbperf.nplusone.QueryScope;
import io.github.dbperf.nplusone.RuntimeFindings;
import io.github.dbperf.query.SqlFindings;
import io.github.dbperf.rules.Finding;
import io.github.dbperf.rules.FindingSource;
import io.github.dbperf.rules.Rule;
import io.github.dbperf.rules.RuleSettings;
import io.github.dbperf.rules.Rules;
import io.github.dbperf.sql.SqlDialect;
import io.github.dbperf.sql.SqlFingerprinter;
import io.github.dbperf.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code sql} and {@code runtime} rules on a real PostgreSQL: for every rule a
 * statement or unit of work that breaks it, and the fixed one that does not.
 */
class RulesIT {

	private static final String DATABASE = TestPostgres.newDatabase("rules");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues(TestPostgres.properties(DATABASE))
		.withPropertyValues("dbperf.application-packages=io.github.dbperf.it",
				"dbperf.nplusone.runtime-rules.max-statements-per-unit=5")
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, DbperfAutoConfiguration.class,
				JdbcCaptureAutoConfiguration.class, QueryAutoConfiguration.class, NPlusOneAutoConfiguration.class));

	@Test
	void eachSqlRuleFiresOnTheBrokenStatementAndNotOnTheFixedOne() {
		this.contextRunner.run((context) -> {
			JdbcTemplate jdbc = schema(context);
			List<Object> ids = Collections.nCopies(600, 1);
			String inList = String.join(",", Collections.nCopies(600, "?"));
			// A constant literal (a discriminator, a flag) is the same text every time:
			// no finding
			jdbc.queryForList("select id from rules_item where email = 'x@y.z' and id > ?", 0);
			fixed(context, jdbc, Rules.SQL_INLINED_LITERALS,
					"select id from rules_item where email = 'x@y.z' and id > ?", 0);
			// Values written into the text change between executions
			jdbc.queryForList("select id from rules_item where name = 'Smith'");
			broken(context, jdbc, Rules.SQL_INLINED_LITERALS, "select id from rules_item where name = 'Davis'");
			// The fixed text has the same fingerprint as the broken one: another column
			fixed(context, jdbc, Rules.SQL_INLINED_LITERALS, "select id from rules_item where email = ?", "a@b.c");
			broken(context, jdbc, Rules.SQL_LEADING_WILDCARD_LIKE,
					"select id from rules_item where name like concat('%', ?)", "son");
			fixed(context, jdbc, Rules.SQL_LEADING_WILDCARD_LIKE, "select id from rules_item where name like ?",
					"Dav%");
			broken(context, jdbc, Rules.SQL_LIMIT_WITHOUT_ORDER_BY, "select id from rules_item limit ? offset ?", 5,
					10);
			fixed(context, jdbc, Rules.SQL_LIMIT_WITHOUT_ORDER_BY,
					"select id from rules_item order by id limit ? offset ?", 5, 10);
			broken(context, jdbc, Rules.SQL_DEEP_OFFSET, "select id from rules_item order by id limit 5 offset 5000");
			fixed(context, jdbc, Rules.SQL_DEEP_OFFSET, "select id from rules_item where id > ? order by id limit 5",
					5000);
			broken(context, jdbc, Rules.SQL_SELECT_STAR, "select * from rules_item where id = ?", 1);
			fixed(context, jdbc, Rules.SQL_SELECT_STAR, "select id, name from rules_item where id = ?", 1);
			broken(context, jdbc, Rules.SQL_LARGE_IN_LIST, "select id from rules_item where id in (" + inList + ")",
					ids.toArray());
			fixed(context, jdbc, Rules.SQL_LARGE_IN_LIST, "select id from rules_item where id = any (?)",
					new Object[] { new Long[] { 1L, 2L } });
			broken(context, jdbc, Rules.SQL_NOT_IN_SUBQUERY,
					"select id from rules_item where id not in (select item_id from rules_tag)");
			fixed(context, jdbc, Rules.SQL_NOT_IN_SUBQUERY,
					"select i.id from rules_item i where not exists (select 1 from rules_tag t where t.item_id = i.id)");
			broken(context, jdbc, Rules.SQL_FUNCTION_ON_COLUMN, "select id from rules_item where lower(email) = ?",
					"a@b.c");
			fixed(context, jdbc, Rules.SQL_FUNCTION_ON_COLUMN, "select id from rules_item where email = ?", "a@b.c");
			broken(context, jdbc, Rules.SQL_ORDER_BY_RANDOM, "select id from rules_item order by random() limit ?", 3);
			fixed(context, jdbc, Rules.SQL_ORDER_BY_RANDOM,
					"select id from rules_item where id >= ? order by id limit ?", 2, 3);
			broken(context, jdbc, Rules.SQL_COUNT_FOR_EXISTENCE,
					"select count(*) from rules_item where name = ? limit 1", "Davis");
			fixed(context, jdbc, Rules.SQL_COUNT_FOR_EXISTENCE,
					"select exists (select 1 from rules_item where name = ?)", "Davis");
		});
	}

	@Test
	void inlinedLiteralsAreKeptWhenTheBoundTextOfTheSameFingerprintRanFirst() {
		this.contextRunner.run((context) -> {
			JdbcTemplate jdbc = schema(context);
			jdbc.queryForList("select id from rules_item where name = ?", "Davis");
			assertThat(rules(context.getBean(SqlFindings.class))).isEmpty();
			jdbc.queryForList("select id from rules_item where name = 'Davis'");
			assertThat(rules(context.getBean(SqlFindings.class))).isEmpty();
			jdbc.queryForList("select id from rules_item where name = 'Smith'");
			assertThat(finding(context.getBean(SqlFindings.class), Rules.SQL_INLINED_LITERALS,
					id("select id from rules_item where name = ?"))
				.count()).isEqualTo(3);
		});
	}

	@Test
	void sqlFindingsCarryTheCallSiteAndTheCallsAndLeaveStartupStatementsOut() {
		this.contextRunner.run((context) -> {
			JdbcTemplate jdbc = schema(context);
			for (int i = 0; i < 3; i++) {
				jdbc.queryForList("select * from rules_item where id = ?", i);
			}
			Finding finding = finding(context.getBean(SqlFindings.class), Rules.SQL_SELECT_STAR,
					id("select * from rules_item where id = ?"));
			assertThat(finding.count()).isEqualTo(3);
			assertThat(finding.where().callSite()).startsWith("RulesIT.lambda$");
			assertThat(finding.where().sql()).isEqualTo("select * from rules_item where id = ?");
			assertThat(finding.where().dataSource()).isEqualTo("dataSource");
			assertThat(finding.docs()).isEqualTo("docs/rules.md#sql-select-star");
		});
	}

	@Test
	void whenARuleIsDisabledThenItIsNeitherCheckedNorReported() {
		this.contextRunner
			.withBean(RuleSettings.class,
					() -> new RuleSettings(Map.of("sql-select-star", false, "runtime-chatty-unit", false), Map.of(),
							List.of()))
			.run((context) -> {
				JdbcTemplate jdbc = schema(context);
				jdbc.queryForList("select * from rules_item where id = ?", 1);
				try (QueryScope scope = QueryScope.open("chatty job")) {
					for (int i = 0; i < 8; i++) {
						jdbc.queryForList("select id from rules_item where id = ?", i);
					}
				}
				assertThat(rules(context.getBean(SqlFindings.class))).doesNotContain(Rules.SQL_SELECT_STAR.id());
				assertThat(rules(context.getBean(RuntimeFindings.class)))
					.doesNotContain(Rules.RUNTIME_CHATTY_UNIT.id());
			});
	}

	@Test
	void chattyUnitFiresPastTheThreshold() {
		this.contextRunner.run((context) -> {
			JdbcTemplate jdbc = schema(context);
			for (int round = 0; round < 2; round++) {
				try (QueryScope scope = QueryScope.open("chatty job")) {
					for (int i = 0; i < 6; i++) {
						jdbc.queryForList("select id from rules_item where id = ? or name = ?", i, "x" + round);
					}
				}
			}
			try (QueryScope scope = QueryScope.open("quiet job")) {
				jdbc.queryForList("select id from rules_item where id = any (?)", (Object) new Long[] { 1L, 2L });
			}
			List<Finding> findings = runtime(context, Rules.RUNTIME_CHATTY_UNIT);
			assertThat(findings).singleElement().satisfies((finding) -> {
				assertThat(finding.where().unitOfWork()).isEqualTo("chatty job");
				assertThat(finding.message()).isEqualTo("chatty job ran 6 statements, more than 5");
				assertThat(finding.count()).isEqualTo(2);
			});
		});
	}

	@Test
	void unbatchedInsertsFireOnALoopOfInsertsAndNotOnABatch() {
		this.contextRunner.run((context) -> {
			JdbcTemplate jdbc = schema(context);
			try (QueryScope scope = QueryScope.open("naive import")) {
				for (int i = 0; i < 12; i++) {
					jdbc.update("insert into rules_tag (item_id, name) values (?, ?)", i, "t" + i);
				}
			}
			try (QueryScope scope = QueryScope.open("batched import")) {
				jdbc.batchUpdate("insert into rules_tag (item_id, name) values (?, ?)",
						Collections.nCopies(12, new Object[] { 1, "t" }));
			}
			assertThat(runtime(context, Rules.RUNTIME_UNBATCHED_INSERTS)).singleElement().satisfies((finding) -> {
				assertThat(finding.where().unitOfWork()).isEqualTo("naive import");
				assertThat(finding.where().fingerprint())
					.isEqualTo(id("insert into rules_tag (item_id, name) values (?, ?)"));
				assertThat(finding.where().callSite()).startsWith("RulesIT.lambda$");
				assertThat(finding.message()).contains("12 times");
			});
		});
	}

	@Test
	void nPlusOneAndDuplicateIncidentsAreFindingsAndTheFixedLoopIsNot() {
		this.contextRunner.run((context) -> {
			JdbcTemplate jdbc = schema(context);
			try (QueryScope scope = QueryScope.open("tags per item")) {
				for (int i = 0; i < 4; i++) {
					jdbc.queryForList("select name from rules_tag where item_id = ?", i);
				}
			}
			try (QueryScope scope = QueryScope.open("same item again")) {
				for (int i = 0; i < 4; i++) {
					jdbc.queryForList("select name from rules_item where id = ?", 7);
				}
			}
			try (QueryScope scope = QueryScope.open("tags at once")) {
				jdbc.queryForList("select name from rules_tag where item_id = any (?)",
						(Object) new Long[] { 0L, 1L, 2L, 3L });
			}
			assertThat(runtime(context, Rules.RUNTIME_N_PLUS_ONE)).singleElement()
				.satisfies((finding) -> assertThat(finding.where().unitOfWork()).isEqualTo("tags per item"));
			assertThat(runtime(context, Rules.RUNTIME_DUPLICATE_QUERY)).singleElement()
				.satisfies((finding) -> assertThat(finding.where().unitOfWork()).isEqualTo("same item again"));
			assertThat(context.getBean(RuntimeFindings.class).findings())
				.noneMatch((finding) -> "tags at once".equals(finding.where().unitOfWork()));
		});
	}

	private static JdbcTemplate schema(AssertableApplicationContext context) {
		JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
		jdbc.execute("drop table if exists rules_item, rules_tag");
		jdbc.execute("create table rules_item (id bigint primary key, name text, email text)");
		jdbc.execute("create table rules_tag (item_id bigint, name text)");
		return jdbc;
	}

	private static void broken(AssertableApplicationContext context, JdbcTemplate jdbc, Rule rule, String sql,
			Object... args) {
		jdbc.queryForList(sql, args);
		assertThat(finding(context.getBean(SqlFindings.class), rule, id(sql))).isNotNull();
	}

	private static void fixed(AssertableApplicationContext context, JdbcTemplate jdbc, Rule rule, String sql,
			Object... args) {
		jdbc.queryForList(sql, args);
		assertThat(context.getBean(SqlFindings.class).findings())
			.noneMatch((finding) -> finding.rule().equals(rule.id()) && id(sql).equals(finding.where().fingerprint()));
	}

	private static Finding finding(FindingSource source, Rule rule, String fingerprint) {
		return source.findings()
			.stream()
			.filter((finding) -> finding.rule().equals(rule.id()) && fingerprint.equals(finding.where().fingerprint()))
			.findFirst()
			.orElseThrow(
					() -> new AssertionError(rule.id() + " did not fire on " + fingerprint + ": " + source.findings()));
	}

	private static List<Finding> runtime(AssertableApplicationContext context, Rule rule) {
		return context.getBean(RuntimeFindings.class)
			.findings()
			.stream()
			.filter((finding) -> finding.rule().equals(rule.id()))
			.toList();
	}

	private static List<String> rules(FindingSource source) {
		return source.findings().stream().map(Finding::rule).toList();
	}

	private static String id(String sql) {
		return SqlFingerprinter.compute(sql, SqlDialect.POSTGRESQL).id();
	}

}
