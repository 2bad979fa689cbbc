package io.github.dbperf.test;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.github.dbperf.rules.FindingSource;
import io.github.dbperf.rules.RuleSettings;
import io.github.dbperf.rules.Rules;
import io.github.dbperf.rules.Severity;
import io.github.dbperf.rules.Where;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * {@link FailOnFindings} and {@link NoMappingFindings}, run on fixture test classes
 * through the JUnit test kit so both passing and failing verdicts are checked.
 */
class FindingAnnotationsTests {

	@Test
	void whenATestBreaksARuleAtOrAboveTheSeverityThenItFails() {
		Events events = EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(FailOnFindingsFixture.class))
			.execute()
			.testEvents();
		events.assertThatEvents()
			.haveExactly(1,
					event(test("naiveEndpoint"), finishedWithFailure(message(
							(text) -> text.contains("Expected no findings of severity WARN or higher but found:")
									&& text.contains("[runtime-n-plus-one]")))))
			.haveExactly(1, event(test("fixedEndpoint"), finishedSuccessfully()))
			.haveExactly(1, event(test("selectStarIsOnlyInfo"), finishedSuccessfully()))
			.haveExactly(1,
					event(test("selectStarFailsAtInfo"),
							finishedWithFailure(message((text) -> text.contains("[sql-select-star]")))))
			.haveExactly(1, event(test("disabledRuleDoesNotFail"), finishedSuccessfully()));
	}

	@Test
	void whenTheContextHasMappingFindingsThenTheClassFailsNamingOnlyThose() {
		EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(MappingFindingsFixture.class))
			.execute();
		results.containerEvents()
			.assertThatEvents()
			.haveExactly(1,
					event(container(MappingFindingsFixture.class),
							finishedWithFailure(message((text) -> text.contains("[jpa-eager-to-many]")
									&& text.contains("Shop.items") && !text.contains("sql-select-star")
									&& !text.contains("jpa-enum-ordinal")))));
		assertThat(results.testEvents().started().count()).isZero();
	}

	@Test
	void whenTheContextHasNoMappingFindingsThenTheClassRuns() {
		Events events = EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(CleanMappingFixture.class))
			.execute()
			.testEvents();
		events.assertThatEvents().haveExactly(1, event(test("contextLoads"), finishedSuccessfully()));
		assertThat(events.failed().count()).isZero();
	}

	@SpringBootTest(classes = { TestApplication.class, DisabledRules.class })
	@AutoConfigureMockMvc
	@FailOnFindings(severity = Severity.WARN)
	static class FailOnFindingsFixture {

		@Autowired
		private MockMvc mvc;

		@Autowired
		private DataSource dataSource;

		@DynamicPropertySource
		static void postgres(DynamicPropertyRegistry registry) {
			TestApplication.postgres(registry);
		}

		@Test
		void naiveEndpoint() throws Exception {
			this.mvc.perform(get("/shops"));
		}

		@Test
		void fixedEndpoint() throws Exception {
			this.mvc.perform(get("/shops/fixed"));
		}

		@Test
		void selectStarIsOnlyInfo() {
			new JdbcTemplate(this.dataSource).queryForList("select * from shop where id = ?", 1);
		}

		@Test
		@FailOnFindings(severity = Severity.INFO)
		void selectStarFailsAtInfo() {
			new JdbcTemplate(this.dataSource).queryForList("select * from shop where id = ?", 1);
		}

		@Test
		@FailOnFindings(severity = Severity.INFO)
		void disabledRuleDoesNotFail() {
			new JdbcTemplate(this.dataSource).queryForList("select id from shop order by random() limit ?", 1);
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class DisabledRules {

		@Bean
		RuleSettings ruleSettings() {
			return new RuleSettings(Map.of(Rules.SQL_ORDER_BY_RANDOM.id(), false), Map.of(), List.of());
		}

	}

	@SpringBootTest(classes = { TestApplication.class, MappingSources.class })
	@NoMappingFindings
	static class MappingFindingsFixture {

		@DynamicPropertySource
		static void postgres(DynamicPropertyRegistry registry) {
			TestApplication.postgres(registry);
		}

		@Test
		void contextLoads() {
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class MappingSources {

		@Bean
		FindingSource mappingChecks() {
			return () -> List.of(
					Rules.JPA_EAGER_TO_MANY.finding("Shop.items is EAGER", Where.attribute("Shop", "items")),
					Rules.JPA_ENUM_ORDINAL.finding("Item.kind is stored by ordinal", Where.attribute("Item", "kind")));
		}

		@Bean
		FindingSource statementChecks() {
			return () -> List.of(Rules.SQL_SELECT_STAR.finding("select *", Where.statement("abc", "select * from x")));
		}

		@Bean
		RuleSettings ruleSettings() {
			return new RuleSettings(Map.of(Rules.JPA_ENUM_ORDINAL.id(), false), Map.of(), List.of());
		}

	}

	@SpringBootTest(classes = TestApplication.class)
	@NoMappingFindings
	static class CleanMappingFixture {

		@DynamicPropertySource
		static void postgres(DynamicPropertyRegistry registry) {
			TestApplication.postgres(registry);
		}

		@Test
		void contextLoads() {
		}

	}

}
