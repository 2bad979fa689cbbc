package io.github.dbperf.autoconfigure.nplusone;

import java.util.List;
import java.util.Map;

import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.InvalidDbperfPropertyException;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.autoconfigure.query.QueryAutoConfiguration;
import io.github.dbperf.nplusone.RuntimeFindings;
import io.github.dbperf.query.SqlFindings;
import io.github.dbperf.rules.FindingSource;
import io.github.dbperf.rules.RuleSettings;
import io.github.dbperf.rules.Rules;
import io.github.dbperf.sql.SqlDialect;
import io.github.dbperf.sql.SqlFingerprinter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wiring and properties of the {@code sql} and {@code runtime} rules.
 */
class RulesPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues("spring.datasource.generate-unique-name=true")
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, DbperfAutoConfiguration.class,
				JdbcCaptureAutoConfiguration.class, QueryAutoConfiguration.class, NPlusOneAutoConfiguration.class));

	@Test
	void whenDefaultsThenBothFindingSourcesAreBeans() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SqlFindings.class).hasSingleBean(RuntimeFindings.class);
			assertThat(context.getBeansOfType(FindingSource.class).values())
				.contains(context.getBean(SqlFindings.class), context.getBean(RuntimeFindings.class));
		});
	}

	@Test
	void whenSqlRuleThresholdsAreSetThenTheFingerprinterUsesThem() {
		this.contextRunner
			.withPropertyValues("dbperf.jdbc.sql-rules.max-in-list-size=2", "dbperf.jdbc.sql-rules.max-offset=10")
			.run((context) -> {
				SqlFingerprinter fingerprinter = context.getBean(SqlFingerprinter.class);
				assertThat(fingerprinter
					.fingerprint("select id from t where id in (?, ?, ?) order by id offset 20", SqlDialect.H2)
					.rules()).contains(Rules.SQL_LARGE_IN_LIST, Rules.SQL_DEEP_OFFSET);
			});
	}

	@Test
	void whenARuleIsDisabledThenTheFingerprinterDoesNotCheckIt() {
		this.contextRunner
			.withBean(RuleSettings.class,
					() -> new RuleSettings(Map.of(Rules.SQL_SELECT_STAR.id(), false), Map.of(), List.of()))
			.run((context) -> assertThat(
					context.getBean(SqlFingerprinter.class).fingerprint("select * from t", SqlDialect.H2).rules())
				.isEmpty());
	}

	@Test
	void whenMaxInListSizeIsZeroThenStartupFails() {
		this.contextRunner.withPropertyValues("dbperf.jdbc.sql-rules.max-in-list-size=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidDbperfPropertyException.class, (ex) -> {
					assertThat(ex.getProperty()).isEqualTo("dbperf.jdbc.sql-rules.max-in-list-size");
					assertThat(ex.getAllowed()).contains("at least 1");
				}));
	}

	@Test
	void whenMinUnbatchedInsertsIsOneThenStartupFails() {
		this.contextRunner.withPropertyValues("dbperf.nplusone.runtime-rules.min-unbatched-inserts=1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidDbperfPropertyException.class, (ex) -> {
					assertThat(ex.getProperty()).isEqualTo("dbperf.nplusone.runtime-rules.min-unbatched-inserts");
					assertThat(ex.getAllowed()).contains("at least 2");
				}));
	}

	@Test
	void whenMinAutoCommitWritesIsOneThenStartupFails() {
		this.contextRunner.withPropertyValues("dbperf.nplusone.runtime-rules.min-auto-commit-writes=1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidDbperfPropertyException.class, (ex) -> {
					assertThat(ex.getProperty()).isEqualTo("dbperf.nplusone.runtime-rules.min-auto-commit-writes");
					assertThat(ex.getAllowed()).contains("at least 2");
				}));
	}

	@Test
	void whenMaxResultRowsIsZeroThenStartupFails() {
		this.contextRunner.withPropertyValues("dbperf.nplusone.runtime-rules.max-result-rows=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidDbperfPropertyException.class, (ex) -> {
					assertThat(ex.getProperty()).isEqualTo("dbperf.nplusone.runtime-rules.max-result-rows");
					assertThat(ex.getAllowed()).contains("at least 1");
				}));
	}

	@Test
	void whenMaxStatementsPerUnitIsZeroThenStartupFails() {
		this.contextRunner.withPropertyValues("dbperf.nplusone.runtime-rules.max-statements-per-unit=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidDbperfPropertyException.class, (ex) -> assertThat(ex.getProperty())
					.isEqualTo("dbperf.nplusone.runtime-rules.max-statements-per-unit")));
	}

	@Test
	void propertyDefaultsMatchTheRuleClasses() {
		NPlusOneProperties.RuntimeRules runtime = new NPlusOneProperties().getRuntimeRules();
		assertThat(runtime.getMaxStatementsPerUnit())
			.isEqualTo(io.github.dbperf.nplusone.RuntimeRules.DEFAULT_MAX_STATEMENTS);
		assertThat(runtime.getMinUnbatchedInserts())
			.isEqualTo(io.github.dbperf.nplusone.RuntimeRules.DEFAULT_MIN_UNBATCHED_INSERTS);
		assertThat(runtime.getMaxFindings()).isEqualTo(RuntimeFindings.DEFAULT_MAX_FINDINGS);
		assertThat(runtime.getMinAutoCommitWrites())
			.isEqualTo(io.github.dbperf.nplusone.RuntimeRules.DEFAULT_MIN_AUTO_COMMIT_WRITES);
		assertThat(runtime.getMaxResultRows())
			.isEqualTo(io.github.dbperf.nplusone.RuntimeRules.DEFAULT_MAX_RESULT_ROWS);
		io.github.dbperf.autoconfigure.jdbc.JdbcCaptureProperties.SqlRules sql = new io.github.dbperf.autoconfigure.jdbc.JdbcCaptureProperties()
			.getSqlRules();
		assertThat(sql.getMaxInListSize()).isEqualTo(io.github.dbperf.sql.SqlRules.DEFAULT_MAX_IN_LIST_SIZE);
		assertThat((long) sql.getMaxOffset()).isEqualTo(io.github.dbperf.sql.SqlRules.DEFAULT_MAX_OFFSET);
	}

}
