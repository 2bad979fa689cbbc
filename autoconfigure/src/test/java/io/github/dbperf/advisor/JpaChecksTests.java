package io.github.dbperf.advisor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.dbperf.rules.Finding;
import io.github.dbperf.rules.Rule;
import io.github.dbperf.rules.Rules;
import io.github.dbperf.rules.Severity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JpaChecks}: each JPA configuration rule fires on its setting and not
 * on the fixed one.
 */
class JpaChecksTests {

	private static final DatabaseFacts POSTGRES = new DatabaseFacts("PostgreSQL", 100, 3, 0L, null);

	private static final DatabaseFacts H2 = new DatabaseFacts("H2", null, null, null, null);

	/**
	 * The settings dbperf's tuning leaves: nothing fires.
	 */
	private static final Map<String, Object> TUNED = Map.of("hibernate.jdbc.batch_size", "50",
			"hibernate.order_inserts", "true", "hibernate.order_updates", "true",
			"hibernate.query.in_clause_parameter_padding", "true");

	@Test
	void whenTunedThenNoConfigurationRuleFires() {
		assertThat(check(TUNED, true)).isEmpty();
	}

	@Test
	void whenHibernateUpdatesAServerSchemaThenWarn() {
		assertThat(ddlFindings("update", POSTGRES)).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo("config-ddl-auto-on-real-database");
			assertThat(finding.severity()).isEqualTo(Severity.WARN);
			assertThat(finding.message()).contains("PostgreSQL (ddl-auto=update)").contains("unreviewed");
			assertThat(finding.where().setting()).isEqualTo("spring.jpa.hibernate.ddl-auto");
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

	@Test
	void whenOpenInViewThenConfigOpenInView() {
		JpaFacts facts = new JpaFacts(true, TUNED, List.of(), List.of(), true);
		assertThat(JpaChecks.check(facts, H2)).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo(Rules.CONFIG_OPEN_IN_VIEW.id());
			assertThat(finding.where().setting()).isEqualTo("spring.jpa.open-in-view");
		});
	}

	@Test
	void whenBatchSizeIsMissingOrOneThenConfigBatchingOff() {
		assertThat(rules(without("hibernate.jdbc.batch_size"), true)).containsExactly(Rules.CONFIG_BATCHING_OFF.id());
		assertThat(rules(with("hibernate.jdbc.batch_size", "1"), true)).containsExactly(Rules.CONFIG_BATCHING_OFF.id());
	}

	@Test
	void whenBatchingWithoutOrderedInsertsThenConfigOrderInsertsOff() {
		assertThat(only(Rules.CONFIG_ORDER_INSERTS_OFF, without("hibernate.order_inserts")).where().setting())
			.isEqualTo("spring.jpa.properties.hibernate.order_inserts");
		assertThat(rules(with("hibernate.order_inserts", "false"), true))
			.containsExactly(Rules.CONFIG_ORDER_INSERTS_OFF.id());
	}

	@Test
	void whenBatchVersionedDataIsExplicitlyFalseAndEntitiesAreVersionedThenConfigBatchVersionedDataOff() {
		Map<String, Object> properties = with("hibernate.jdbc.batch_versioned_data", "false");
		JpaFacts facts = new JpaFacts(false, properties, List.of(), List.of("Order"), true);
		assertThat(JpaChecks.check(facts, H2)).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo(Rules.CONFIG_BATCH_VERSIONED_DATA_OFF.id());
			assertThat(finding.message()).contains("[Order]");
		});
	}

	@Test
	void whenBatchVersionedDataIsHibernatesDefaultOrNothingIsVersionedThenNoFinding() {
		// Hibernate 6 and later default hibernate.jdbc.batch_versioned_data to true
		assertThat(JpaChecks.check(new JpaFacts(false, TUNED, List.of(), List.of("Order"), true), H2)).isEmpty();
		assertThat(JpaChecks.check(
				new JpaFacts(false, with("hibernate.jdbc.batch_versioned_data", "false"), List.of(), List.of(), true),
				H2))
			.isEmpty();
	}

	@Test
	void whenInClausePaddingIsOffThenConfigInClausePaddingOff() {
		assertThat(rules(without("hibernate.query.in_clause_parameter_padding"), true))
			.containsExactly(Rules.CONFIG_IN_CLAUSE_PADDING_OFF.id());
		assertThat(rules(with("hibernate.query.in_clause_parameter_padding", "false"), true))
			.containsExactly(Rules.CONFIG_IN_CLAUSE_PADDING_OFF.id());
	}

	@Test
	void whenShowSqlInProductionThenConfigShowSqlInProduction() {
		assertThat(only(Rules.CONFIG_SHOW_SQL_IN_PRODUCTION, with("hibernate.show_sql", "true")).where().setting())
			.isEqualTo("spring.jpa.show-sql");
		assertThat(rules(with("hibernate.show_sql", "true"), false)).isEmpty();
		assertThat(rules(with("hibernate.show_sql", "false"), true)).isEmpty();
	}

	@Test
	void whenStatisticsInProductionThenConfigStatisticsInProduction() {
		assertThat(only(Rules.CONFIG_STATISTICS_IN_PRODUCTION, with("hibernate.generate_statistics", "true")).where()
			.setting()).isEqualTo("spring.jpa.properties.hibernate.generate_statistics");
		assertThat(rules(with("hibernate.generate_statistics", "true"), false)).isEmpty();
		assertThat(rules(with("hibernate.generate_statistics", "false"), true)).isEmpty();
	}

	@Test
	void whenTheMappingRulesFoundSomethingThenItIsReported() {
		Finding mapping = Rules.JPA_ENUM_ORDINAL.finding("enum", io.github.dbperf.rules.Where.attribute("A", "b"));
		assertThat(JpaChecks.check(new JpaFacts(false, TUNED, List.of(mapping), List.of(), true), H2))
			.containsExactly(mapping);
	}

	private static Finding only(Rule rule, Map<String, Object> properties) {
		List<Finding> findings = check(properties, true);
		assertThat(findings).extracting(Finding::rule).containsExactly(rule.id());
		return findings.get(0);
	}

	private static List<String> rules(Map<String, Object> properties, boolean production) {
		return check(properties, production).stream().map(Finding::rule).toList();
	}

	private static List<Finding> check(Map<String, Object> properties, boolean production) {
		return JpaChecks.check(new JpaFacts(false, properties, List.of(), List.of(), production), POSTGRES);
	}

	private static Map<String, Object> with(String key, String value) {
		Map<String, Object> properties = new HashMap<>(TUNED);
		properties.put(key, value);
		return properties;
	}

	private static Map<String, Object> without(String key) {
		Map<String, Object> properties = new HashMap<>(TUNED);
		properties.remove(key);
		return properties;
	}

	private static List<Finding> ddlFindings(String action, DatabaseFacts database) {
		return JpaChecks.check(new JpaFacts(false, with("hibernate.hbm2ddl.auto", action), List.of(), List.of(), true),
				database);
	}

}
