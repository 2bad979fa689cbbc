package io.github.dbperf.advisor;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JpaChecks}.
 */
class JpaChecksTests {

	private static final DatabaseFacts POSTGRES = new DatabaseFacts("PostgreSQL", 100, 3, 0L, null);

	private static final DatabaseFacts H2 = new DatabaseFacts("H2", null, null, null, null);

	@Test
	void whenHibernateUpdatesAServerSchemaThenWarn() {
		assertThat(ddlFindings("update", POSTGRES)).singleElement().satisfies((finding) -> {
			assertThat(finding.severity()).isEqualTo(Severity.WARN);
			assertThat(finding.message()).contains("PostgreSQL (ddl-auto=update)").contains("unreviewed");
		});
	}

	@Test
	void whenHibernateDropsAServerSchemaThenError() {
		for (String action : List.of("create", "create-drop", "create-only", "drop", "CREATE-DROP")) {
			assertThat(ddlFindings(action, POSTGRES)).as(action)
				.singleElement()
				.satisfies((finding) -> assertThat(finding.severity()).isEqualTo(Severity.ERROR));
		}
	}

	@Test
	void whenHibernateOnlyValidatesTheSchemaThenNoFinding() {
		assertThat(ddlFindings("validate", POSTGRES)).isEmpty();
		assertThat(ddlFindings("none", POSTGRES)).isEmpty();
	}

	@Test
	void whenTheDatabaseIsEmbeddedThenHibernateMayManageItsSchema() {
		assertThat(ddlFindings("create-drop", H2)).isEmpty();
	}

	private static List<Finding> ddlFindings(String action, DatabaseFacts database) {
		JpaFacts facts = new JpaFacts(false,
				Map.of("hibernate.hbm2ddl.auto", action, "hibernate.jdbc.batch_size", "50"), List.of());
		return JpaChecks.check(facts, database);
	}

}
