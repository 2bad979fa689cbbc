package io.github.dbperf.it;

import java.util.List;

import javax.sql.DataSource;

import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.autoconfigure.query.QueryAutoConfiguration;
import io.github.dbperf.query.QueryEntry;
import io.github.dbperf.query.QuerySort;
import io.github.dbperf.query.QueryStore;
import io.github.dbperf.testing.EnabledIfMariaDbReachable;
import io.github.dbperf.testing.TestMariaDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Literals in every MySQL and MariaDB spelling, run on the MariaDB at localhost:3306,
 * never reach the query store (the {@code slowqueries} endpoint) or the slow-query log.
 */
@EnabledIfMariaDbReachable
@ExtendWith(OutputCaptureExtension.class)
class MariaDbSqlLiteralIT {

	private static final String TABLE = "dbperf_sql_literal_it";

	private static final List<String> SECRETS = List.of("Secret1", "Secret2", "Secret3", "Secret4", "Secret5",
			"Secret6", "Secret7", "Secret8", "Secret9", "1011011101", "5365637265745f41", "5365637265745f42");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues(TestMariaDb.properties())
		.withPropertyValues("dbperf.queries.slow-threshold=1ns", "dbperf.queries.slow-log-interval=0")
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, DbperfAutoConfiguration.class,
				JdbcCaptureAutoConfiguration.class, QueryAutoConfiguration.class));

	@Test
	void whenLiteralsUseEveryMariaDbSpellingThenNoneIsStoredOrLogged(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			jdbc.execute("drop table if exists " + TABLE);
			jdbc.execute("create table " + TABLE + " (id int primary key, name varchar(100), data varbinary(100))");
			jdbc.update("insert into " + TABLE + " (id, name) values (1, 'O\\'Secret1')");
			jdbc.update("insert into " + TABLE + " (id, name) values (2, \"Secret2\")");
			jdbc.update("insert into " + TABLE + " (id, name) values (3, \"O\\\"Secret3\")");
			jdbc.update("insert into " + TABLE + " (id, name) values (4, 'x') # Secret4");
			jdbc.update("insert into " + TABLE + " (id, name) values (5, _utf8mb4'Secret5')");
			jdbc.update("insert into " + TABLE + " (id, name) values (6, N'Secret6')");
			jdbc.update("insert into " + TABLE + " (id, name) values (7, _latin1\"Secret7\")");
			jdbc.update("insert into " + TABLE + " (id, name) values (8, 'Secret8\\\\')");
			jdbc.update("insert into " + TABLE + " (id, name) values (9, 'x') -- Secret9");
			jdbc.update("insert into " + TABLE + " (id, data) values (10, b'1011011101')");
			jdbc.update("insert into " + TABLE + " (id, data) values (11, x'5365637265745f41')");
			jdbc.update("insert into " + TABLE + " (id, data) values (12, 0x5365637265745f42)");
			jdbc.queryForList("select id from " + TABLE + " where id = 0b1011011101");
			assertThat(jdbc.queryForObject("select name from " + TABLE + " where id = 1", String.class))
				.isEqualTo("O'Secret1");
			QueryStore store = context.getBean(QueryStore.class);
			String stored = store.entries(QuerySort.CALLS, 1000).toString();
			assertThat(stored).contains("insert into " + TABLE);
			for (String secret : SECRETS) {
				assertThat(stored).doesNotContainIgnoringCase(secret);
				assertThat(output.getAll()).doesNotContainIgnoringCase(secret);
			}
			assertThat(output.getAll()).contains("Slow query").contains("insert into " + TABLE);
			jdbc.execute("drop table " + TABLE);
		});
	}

	@Test
	void whenALoopInlinesIdsThenItIsOneFingerprint() {
		this.contextRunner.run((context) -> {
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			for (int id = 1; id <= 50; id++) {
				jdbc.queryForList("select " + id + " as id from dual where " + id + " = " + id);
			}
			List<QueryEntry> loop = context.getBean(QueryStore.class)
				.entries(QuerySort.CALLS, 1000)
				.stream()
				.filter((entry) -> entry.sql().contains("from dual where"))
				.toList();
			assertThat(loop).singleElement().satisfies((entry) -> {
				assertThat(entry.sql()).isEqualTo("select ? as id from dual where ? = ?");
				assertThat(entry.calls()).isEqualTo(50);
			});
		});
	}

}
