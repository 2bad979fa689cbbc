package io.github.dbperf.it.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import io.github.dbperf.actuate.SlowQueriesEndpoint;
import io.github.dbperf.advisor.CatalogChecks;
import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.actuate.DbperfEndpointAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.autoconfigure.pool.PoolAutoConfiguration;
import io.github.dbperf.autoconfigure.query.QueryAutoConfiguration;
import io.github.dbperf.autoconfigure.server.ServerStatisticsAutoConfiguration;
import io.github.dbperf.query.QueryEntry;
import io.github.dbperf.query.QuerySort;
import io.github.dbperf.query.QueryStore;
import io.github.dbperf.query.StartupFilter;
import io.github.dbperf.rules.Finding;
import io.github.dbperf.rules.Rules;
import io.github.dbperf.server.ServerView;
import io.github.dbperf.testing.EnabledIfMariaDbReachable;
import io.github.dbperf.testing.TestMariaDb;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog checks and the server statistics on the MariaDB at localhost:3306, in a
 * database of their own. InnoDB creates an index for every foreign key, so that rule
 * stays quiet; with {@code performance_schema} off (this machine's default) the server
 * block says how to turn it on, and unused indexes are not judged.
 */
@EnabledIfMariaDbReachable
class MariaDbCatalogAndServerStatisticsIT {

	private static final String DATABASE = "dbperf_catalog_it";

	private static final String URL = "jdbc:mariadb://localhost:3306/" + DATABASE;

	private static final String[] FIXTURE = { "create table parent (id bigint primary key)",
			"create table child (id bigint primary key, parent_id bigint, foreign key (parent_id) references parent (id))",
			"create table dup (id bigint primary key, a int, b int)", "create index dup_a_idx on dup (a)",
			"create index dup_a_b_idx on dup (a, b)", "create index dup_b_idx on dup (b)",
			"create index dup_b_again_idx on dup (b)", "create table uniq (id bigint primary key, a int, b int)",
			"create unique index uniq_a_key on uniq (a)", "create index uniq_a_b_idx on uniq (a, b)",
			"create table event_log (message text)",
			"create table code_list (code varchar(20) not null, constraint code_key unique (code))" };

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues("spring.datasource.url=" + URL, "spring.datasource.username=" + TestMariaDb.username(),
				"spring.datasource.password=" + TestMariaDb.password(), "dbperf.catalog.refresh-interval=1s",
				"management.endpoints.web.exposure.include=slowqueries")
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, DbperfAutoConfiguration.class,
				JdbcCaptureAutoConfiguration.class, QueryAutoConfiguration.class, PoolAutoConfiguration.class,
				ServerStatisticsAutoConfiguration.class, EndpointAutoConfiguration.class,
				DbperfEndpointAutoConfiguration.class));

	@Test
	void whenTheSchemaBreaksTheRulesThenTheyFireWithRunnableDdlAndTheFixesSilenceThem() throws Exception {
		fixture();
		this.contextRunner.run((context) -> {
			CatalogChecks checks = context.getBean(CatalogChecks.class);
			List<Finding> findings = checks.findings();
			assertThat(fixes(findings, Rules.SCHEMA_FOREIGN_KEY_WITHOUT_INDEX.id())).isEmpty();
			assertThat(fixes(findings, Rules.SCHEMA_DUPLICATE_INDEX.id()))
				.containsExactlyInAnyOrder("drop index dup_a_idx on dup;", "drop index dup_b_idx on dup;");
			assertThat(fixes(findings, Rules.SCHEMA_TABLE_WITHOUT_PRIMARY_KEY.id())).containsExactlyInAnyOrder(
					"alter table code_list drop index code_key, add primary key (code);",
					"alter table event_log add column id bigint not null auto_increment primary key;");
			assertThat(findings)
				.allSatisfy((finding) -> assertThat(finding.where().dataSource()).isEqualTo("dataSource"));
			assertThat(context.getBean(QueryStore.class).size()).as("catalog reads are not captured").isZero();
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			findings.forEach((finding) -> jdbc.execute(finding.fix()));
			org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(checks.findings()).isEmpty());
		});
	}

	@Test
	void whenPerformanceSchemaIsOffThenTheServerBlockSaysHowToTurnItOn() throws Exception {
		fixture();
		this.contextRunner.run((context) -> {
			new JdbcTemplate(context.getBean(DataSource.class)).queryForList("select id from parent where id = ?", 1);
			QueryEntry entry = context.getBean(QueryStore.class)
				.entries(QuerySort.TOTAL, 10, StartupFilter.INCLUDE)
				.stream()
				.filter((candidate) -> candidate.sql().startsWith("select id from parent"))
				.findFirst()
				.orElseThrow();
			ServerView server = context.getBean(SlowQueriesEndpoint.class).slowQuery(entry.id()).server();
			if (performanceSchema()) {
				assertThat(server.status()).isEqualTo(ServerView.MATCHED);
				assertThat(server.statement().rowsExamined()).isNotNull();
			}
			else {
				assertThat(server.status()).isEqualTo(ServerView.UNAVAILABLE);
				assertThat(server.source()).isEqualTo("performance_schema.events_statements_summary_by_digest");
				assertThat(server.reason()).contains("performance_schema is off");
				assertThat(server.enable()).contains("performance_schema = ON");
			}
		});
	}

	private static List<String> fixes(List<Finding> findings, String rule) {
		return findings.stream().filter((finding) -> finding.rule().equals(rule)).map(Finding::fix).toList();
	}

	private static boolean performanceSchema() throws Exception {
		try (Connection connection = DriverManager.getConnection(URL, TestMariaDb.username(), TestMariaDb.password());
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select @@performance_schema")) {
			return rows.next() && rows.getBoolean(1);
		}
	}

	private static void fixture() throws Exception {
		try (Connection connection = DriverManager.getConnection(TestMariaDb.jdbcUrl(), TestMariaDb.username(),
				TestMariaDb.password()); Statement statement = connection.createStatement()) {
			statement.execute("drop database if exists " + DATABASE);
			statement.execute("create database " + DATABASE);
			statement.execute("use " + DATABASE);
			for (String sql : FIXTURE) {
				statement.execute(sql);
			}
		}
	}

}
