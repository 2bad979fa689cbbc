package io.github.dbperf.it.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.github.dbperf.actuate.DbperfEndpoint;
import io.github.dbperf.advisor.CatalogChecks;
import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.actuate.DbperfEndpointAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.autoconfigure.pool.PoolAutoConfiguration;
import io.github.dbperf.autoconfigure.query.QueryAutoConfiguration;
import io.github.dbperf.autoconfigure.server.ServerStatisticsAutoConfiguration;
import io.github.dbperf.query.QueryStore;
import io.github.dbperf.rules.Finding;
import io.github.dbperf.rules.RuleSettings;
import io.github.dbperf.rules.Rules;
import io.github.dbperf.server.ServerStatistics;
import io.github.dbperf.server.ServerView;
import io.github.dbperf.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The catalog checks on a real PostgreSQL 17: each schema rule fires on a table built to
 * break it, stays quiet on its fixed twin, and its own DDL fix makes it go away.
 */
class PostgresCatalogChecksIT {

	private static final String DATABASE = TestPostgres.newDatabase("catalog");

	private static final String[] FIXTURE = { "create table parent (id bigint primary key)",
			"create table child (id bigint primary key, parent_id bigint references parent)",
			"create table child_ok (id bigint primary key, parent_id bigint references parent)",
			"create index child_ok_parent_idx on child_ok (parent_id)",
			"create table pair (a int, b int, primary key (a, b))",
			"create table pair_child (id int primary key, a int, b int, foreign key (a, b) references pair)",
			"create index pair_child_ba_idx on pair_child (b, a, id)",
			"create table dup (id bigint primary key, a int, b int)", "create index dup_a_idx on dup (a)",
			"create index dup_a_b_idx on dup (a, b)", "create index dup_b_idx on dup (b)",
			"create index dup_b_again_idx on dup (b)", "create table uniq (id bigint primary key, a int, b int)",
			"create unique index uniq_a_key on uniq (a)", "create index uniq_a_b_idx on uniq (a, b)",
			"create table event_log (message text)",
			"create table databasechangelog (id varchar(255) not null, author varchar(255) not null)",
			"create table \"BATCH_JOB_EXECUTION_PARAMS\" (job_execution_id bigint not null)",
			"create table code_list (code text not null unique)", "create table tag (name text not null)",
			"create unique index tag_name_key on tag (name)", "create table written (id bigint primary key, a int)",
			"create index written_a_idx on written (a)", "create table used (id bigint primary key, a int)",
			"create index used_a_idx on used (a)", "insert into written select g, g from generate_series(1, 100) g",
			"insert into used select g, g from generate_series(1, 100) g", "set enable_seqscan = off",
			"select * from used where a = 7" };

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues(TestPostgres.properties(DATABASE))
		.withPropertyValues("dbperf.catalog.refresh-interval=1s", "management.endpoints.web.exposure.include=dbperf")
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, DbperfAutoConfiguration.class,
				JdbcCaptureAutoConfiguration.class, QueryAutoConfiguration.class, PoolAutoConfiguration.class,
				ServerStatisticsAutoConfiguration.class, EndpointAutoConfiguration.class,
				DbperfEndpointAutoConfiguration.class));

	@Test
	void whenTheSchemaBreaksEachRuleThenEachFiresWithRunnableDdlAndFixedTablesStayQuiet() throws Exception {
		fixture();
		this.contextRunner.run((context) -> {
			CatalogChecks checks = context.getBean(CatalogChecks.class);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(fixes(checks.findings(), Rules.SCHEMA_UNUSED_INDEX.id()))
					.containsExactly("drop index concurrently written_a_idx;"));
			List<Finding> findings = checks.findings();
			assertThat(fixes(findings, Rules.SCHEMA_FOREIGN_KEY_WITHOUT_INDEX.id()))
				.containsExactly("create index concurrently child_parent_id_idx on child (parent_id);");
			assertThat(fixes(findings, Rules.SCHEMA_DUPLICATE_INDEX.id()))
				.containsExactlyInAnyOrder("drop index concurrently dup_a_idx;", "drop index concurrently dup_b_idx;");
			assertThat(fixes(findings, Rules.SCHEMA_TABLE_WITHOUT_PRIMARY_KEY.id())).containsExactlyInAnyOrder(
					"alter table code_list drop constraint code_list_code_key, add primary key (code);",
					"alter table event_log add column id bigint generated always as identity primary key;",
					"alter table tag add primary key using index tag_name_key;");
			Finding foreignKey = findings.stream()
				.filter((finding) -> finding.rule().equals(Rules.SCHEMA_FOREIGN_KEY_WITHOUT_INDEX.id()))
				.findFirst()
				.orElseThrow();
			assertThat(foreignKey.where().table()).isEqualTo("child");
			assertThat(foreignKey.where().columns()).containsExactly("parent_id");
			assertThat(foreignKey.where().dataSource()).isEqualTo("dataSource");
			assertThat(foreignKey.message()).contains("references parent");
			assertThat(findings).extracting((finding) -> finding.where().table())
				.allMatch(
						(table) -> List.of("child", "dup", "event_log", "code_list", "tag", "written").contains(table));
			assertThat(context.getBean(QueryStore.class).size()).as("catalog reads are not captured").isZero();
			assertThat(context.getBean(DbperfEndpoint.class).dbperf().findings()).anySatisfy((finding) -> {
				assertThat(finding.rule()).isEqualTo("schema-foreign-key-without-index");
				assertThat(finding.message()).contains("child");
			});
			RuleSettings ignoring = new RuleSettings(Map.of(), Map.of(),
					List.of(new RuleSettings.Ignore(Rules.SCHEMA_TABLE_WITHOUT_PRIMARY_KEY.id(), "event_log")));
			assertThat(ignoring.apply(findings)).hasSize(findings.size() - 1)
				.noneMatch((finding) -> "event_log".equals(finding.where().table()));
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			findings.forEach((finding) -> jdbc.execute(finding.fix()));
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(checks.findings()).isEmpty());
		});
	}

	@Test
	void whenThePoolIsNotHikariThenNoConnectionIsBorrowedAndTheReasonIsGiven() throws Exception {
		String url = TestPostgres.newDatabase("catalogplain");
		DataSource plain = new SimpleDriverDataSource(DriverManager.getDriver(url), url, TestPostgres.username(),
				TestPostgres.password());
		new JdbcTemplate(plain).execute("create table audit_line (message text)");
		CatalogChecks checks = new CatalogChecks(() -> Map.of("plain", plain), Duration.ofMinutes(1), 100,
				Duration.ofSeconds(2), RuleSettings::defaults);
		assertThat(checks.findings()).isEmpty();
		assertThat(checks.unread()).containsEntry("plain",
				"dbperf reads the catalog only through HikariCP pools, where it can see an idle connection: "
						+ "this DataSource's pool cannot be seen, so none is borrowed");
		try (ServerStatistics statistics = new ServerStatistics(() -> Map.of("plain", plain), Duration.ofMinutes(1),
				100, Duration.ofSeconds(2))) {
			ServerView view = statistics.view("plain", "0123456789abcdef", 1.0);
			assertThat(view.status()).isEqualTo("unavailable");
			assertThat(view.reason()).startsWith("dbperf reads the server's statistics only through HikariCP pools");
		}
	}

	private static List<String> fixes(List<Finding> findings, String rule) {
		return findings.stream().filter((finding) -> finding.rule().equals(rule)).map(Finding::fix).toList();
	}

	private static void fixture() throws Exception {
		try (Connection connection = DriverManager.getConnection(DATABASE, TestPostgres.username(),
				TestPostgres.password()); Statement statement = connection.createStatement()) {
			for (String sql : FIXTURE) {
				statement.execute(sql);
			}
		}
	}

}
