package io.github.dbperf.it;

import java.util.List;

import javax.sql.DataSource;

import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.autoconfigure.nplusone.NPlusOneAutoConfiguration;
import io.github.dbperf.autoconfigure.query.QueryAutoConfiguration;
import io.github.dbperf.autoconfigure.rules.RulesAutoConfiguration;
import io.github.dbperf.it.blog.Owner;
import io.github.dbperf.it.blog.OwnerRepository;
import io.github.dbperf.nplusone.QueryScope;
import io.github.dbperf.nplusone.RuntimeFindings;
import io.github.dbperf.query.QueryEntry;
import io.github.dbperf.query.QuerySort;
import io.github.dbperf.query.QueryStore;
import io.github.dbperf.query.StartupFilter;
import io.github.dbperf.rules.Finding;
import io.github.dbperf.rules.Rule;
import io.github.dbperf.rules.Rules;
import io.github.dbperf.sql.SqlDialect;
import io.github.dbperf.sql.SqlFingerprinter;
import io.github.dbperf.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime rules that read the connection's auto-commit mode, the repository call's
 * page and the rows read from results, on a real PostgreSQL with JPA.
 */
class RuntimeRulesMoreIT {

	private static final Class<?> COUNTING = ClassUtils.resolveClassName("io.github.dbperf.jdbc.CountingResultSet",
			null);

	private static final String DATABASE = TestPostgres.newDatabase("runtimemore");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues(TestPostgres.properties(DATABASE))
		.withPropertyValues("dbperf.application-packages=io.github.dbperf.it",
				"spring.jpa.hibernate.ddl-auto=create-drop", "dbperf.nplusone.ignore=Owner.pets",
				"dbperf.nplusone.runtime-rules.max-result-rows=100")
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
				TransactionManagerCustomizationAutoConfiguration.class, TransactionAutoConfiguration.class,
				DataJpaRepositoriesAutoConfiguration.class, DbperfAutoConfiguration.class,
				JdbcCaptureAutoConfiguration.class, QueryAutoConfiguration.class, NPlusOneAutoConfiguration.class))
		.withUserConfiguration(JpaConfiguration.class);

	@Test
	void autoCommitWritesFireOutsideATransactionAndNotInOne() {
		this.contextRunner.run((context) -> {
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			jdbc.execute("create table if not exists rules_account (id bigint primary key, balance bigint)");
			jdbc.update("delete from rules_account");
			try (QueryScope scope = QueryScope.open("transfer without transaction")) {
				jdbc.update("insert into rules_account (id, balance) values (?, ?)", 1, 100);
				jdbc.update("update rules_account set balance = balance - ? where id = ?", 10, 1);
				jdbc.update("update rules_account set balance = balance + ? where id = ?", 10, 2);
			}
			TransactionTemplate transaction = new TransactionTemplate(
					context.getBean(PlatformTransactionManager.class));
			try (QueryScope scope = QueryScope.open("transfer in a transaction")) {
				transaction.executeWithoutResult((status) -> {
					jdbc.update("insert into rules_account (id, balance) values (?, ?)", 2, 100);
					jdbc.update("update rules_account set balance = balance - ? where id = ?", 10, 1);
					jdbc.update("update rules_account set balance = balance + ? where id = ?", 10, 2);
				});
			}
			try (QueryScope scope = QueryScope.open("one write")) {
				jdbc.update("update rules_account set balance = ? where id = ?", 0, 1);
				jdbc.queryForList("select id from rules_account where id = ?", 1);
			}
			assertThat(runtime(context, Rules.RUNTIME_AUTOCOMMIT_WRITES)).singleElement().satisfies((finding) -> {
				assertThat(finding.where().unitOfWork()).isEqualTo("transfer without transaction");
				assertThat(finding.message()).isEqualTo("3 writes in transfer without transaction each committed on"
						+ " its own (auto-commit), not in one transaction");
				assertThat(finding.where().fingerprint())
					.isEqualTo(id("insert into rules_account (id, balance) values (?, ?)"));
				assertThat(finding.where().callSite()).startsWith("RuntimeRulesMoreIT.lambda$");
			});
		});
	}

	@Test
	void aPagedCollectionFetchFiresAndIdsFirstThenFetchDoesNot() {
		this.contextRunner.run((context) -> {
			OwnerRepository owners = owners(context);
			try (QueryScope scope = QueryScope.open("owners page in memory")) {
				assertThat(owners.findPageWithVisits(PageRequest.of(0, 2))).hasSize(2);
			}
			try (QueryScope scope = QueryScope.open("owners page by ids")) {
				List<Long> ids = owners.findPageOfIds(PageRequest.of(0, 2));
				assertThat(owners.findWithVisitsByIdIn(ids)).hasSize(2);
			}
			try (QueryScope scope = QueryScope.open("owners page without a fetch")) {
				assertThat(owners.findAll(PageRequest.of(0, 2)).getContent()).hasSize(2);
			}
			try (QueryScope scope = QueryScope.open("owners unpaged")) {
				assertThat(owners.findPageWithVisits(Pageable.unpaged())).hasSize(3);
			}
			try (QueryScope scope = QueryScope.open("owners spring data page")) {
				assertThat(owners.findOwnersWithVisits(PageRequest.of(0, 2)).getContent()).hasSize(2);
			}
			if (pagesCollectionFetchesInSql(context)) {
				// Hibernate 7.4 (Boot 4.1) pages the root rows in a subquery: nothing is
				// cut in
				// memory, and nothing may be reported
				assertThat(runtime(context, Rules.RUNTIME_IN_MEMORY_PAGINATION)).isEmpty();
				return;
			}
			assertThat(runtime(context, Rules.RUNTIME_IN_MEMORY_PAGINATION)).hasSize(2)
				.anySatisfy((finding) -> assertThat(finding.where().unitOfWork()).isEqualTo("owners spring data page"))
				.anySatisfy((finding) -> {
					assertThat(finding.where().unitOfWork()).isEqualTo("owners page in memory");
					assertThat(finding.message())
						.startsWith("OwnerRepository.findPageWithVisits was called with a page");
					assertThat(finding.where().sql()).contains(" join visit ").doesNotContain(" fetch first ");
				});
		});
	}

	@Test
	void aLimitOnACollectionFetchFires() {
		this.contextRunner.run((context) -> {
			OwnerRepository owners = owners(context);
			try (QueryScope scope = QueryScope.open("owners limited")) {
				assertThat(owners.findByNameNotNullOrderById(Limit.of(1))).hasSize(1);
			}
			if (pagesCollectionFetchesInSql(context)) {
				assertThat(runtime(context, Rules.RUNTIME_IN_MEMORY_PAGINATION)).isEmpty();
				return;
			}
			assertThat(runtime(context, Rules.RUNTIME_IN_MEMORY_PAGINATION)).singleElement()
				.satisfies((finding) -> assertThat(finding.where().unitOfWork()).isEqualTo("owners limited"));
		});
	}

	@Test
	void aLargeResultFiresPastTheThresholdAndASmallOneDoesNot() {
		this.contextRunner.run((context) -> {
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			String large = "select n from generate_series(1, 150) as n";
			String small = "select n from generate_series(1, 150) as n order by n limit 50";
			try (QueryScope scope = QueryScope.open("export")) {
				jdbc.query(large, (resultSet) -> {
					assertThat(resultSet.isWrapperFor(COUNTING)).isTrue();
				});
			}
			try (QueryScope scope = QueryScope.open("export by id")) {
				assertThat(jdbc.queryForList(large + " where n > ?", Integer.class, 0)).hasSize(150);
			}
			try (QueryScope scope = QueryScope.open("first page")) {
				assertThat(jdbc.queryForList(small, Integer.class)).hasSize(50);
				assertThat(jdbc.queryForList(small, Integer.class)).hasSize(50);
			}
			assertThat(runtime(context, Rules.RUNTIME_LARGE_RESULT)).hasSize(2).anySatisfy((finding) -> {
				assertThat(finding.where().unitOfWork()).isEqualTo("export");
				assertThat(finding.message()).isEqualTo("A select in export returned 150 rows, more than 100");
				assertThat(finding.where().fingerprint()).isEqualTo(id(large));
				assertThat(finding.where().callSite()).startsWith("RuntimeRulesMoreIT.lambda$");
			}).anySatisfy((finding) -> {
				assertThat(finding.where().unitOfWork()).isEqualTo("export by id");
				assertThat(finding.where().fingerprint()).isEqualTo(id(large + " where n > ?"));
			});
		});
	}

	@Test
	void aLargeResultIsNotCountedWhenTheRuleIsDisabled() {
		this.contextRunner.withPropertyValues("dbperf.rules.runtime-large-result.enabled=false")
			.withConfiguration(AutoConfigurations.of(RulesAutoConfiguration.class))
			.run((context) -> {
				JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
				try (QueryScope scope = QueryScope.open("export")) {
					jdbc.query("select n from generate_series(1, 150) as n", (resultSet) -> {
						assertThat(resultSet.isWrapperFor(COUNTING)).isFalse();
					});
				}
				assertThat(runtime(context, Rules.RUNTIME_LARGE_RESULT)).isEmpty();
			});
	}

	private static OwnerRepository owners(AssertableApplicationContext context) {
		JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
		for (int owner = 1; owner <= 3; owner++) {
			jdbc.update("insert into owner (id, name) values (?, ?)", owner, "owner-" + owner);
			jdbc.update("insert into visit (id, owner_id) values (?, ?)", owner * 10, owner);
			jdbc.update("insert into visit (id, owner_id) values (?, ?)", owner * 10 + 1, owner);
		}
		return context.getBean(OwnerRepository.class);
	}

	private static List<Finding> runtime(AssertableApplicationContext context, Rule rule) {
		return context.getBean(RuntimeFindings.class)
			.findings()
			.stream()
			.filter((finding) -> finding.rule().equals(rule.id()))
			.toList();
	}

	// Whether the select that fetched owners with their visits for a page carried the
	// page
	// itself (Hibernate 7.4 and later: a subquery with offset and fetch first)
	private static boolean pagesCollectionFetchesInSql(AssertableApplicationContext context) {
		return context.getBean(QueryStore.class)
			.entries(QuerySort.TOTAL, 1000, StartupFilter.EXCLUDE)
			.stream()
			.map(QueryEntry::sql)
			.filter((sql) -> sql.startsWith("select") && sql.contains(" join visit "))
			.anyMatch((sql) -> sql.contains(" fetch first ") || sql.contains(" limit "));
	}

	private static String id(String sql) {
		return SqlFingerprinter.compute(sql, SqlDialect.POSTGRESQL).id();
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = Owner.class)
	static class JpaConfiguration {

	}

}
