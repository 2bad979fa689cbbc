package io.github.dbperf.autoconfigure.rules;

import java.util.List;
import java.util.Map;

import io.github.dbperf.actuate.DbperfEndpoint;
import io.github.dbperf.actuate.DbperfEndpoint.DbperfDescriptor;
import io.github.dbperf.actuate.DbperfEndpoint.RuleDescriptor;
import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.actuate.DbperfEndpointAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.autoconfigure.pool.PoolAutoConfiguration;
import io.github.dbperf.it.blog.Owner;
import io.github.dbperf.rules.Finding;
import io.github.dbperf.rules.FindingSource;
import io.github.dbperf.rules.RuleSettings;
import io.github.dbperf.rules.Rules;
import io.github.dbperf.rules.Severity;
import io.github.dbperf.rules.Where;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RulesAutoConfiguration}: the user's {@code dbperf.rules.*} settings as
 * the {@code dbperf} endpoint applies them.
 */
class RulesAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues("spring.datasource.generate-unique-name=true",
				"management.endpoints.web.exposure.include=dbperf", "spring.datasource.hikari.connection-timeout=30000")
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, DbperfAutoConfiguration.class,
				RulesAutoConfiguration.class, JdbcCaptureAutoConfiguration.class, PoolAutoConfiguration.class,
				DbperfEndpointAutoConfiguration.class));

	private final ApplicationContextRunner hibernateRunner = this.contextRunner
		.withConfiguration(AutoConfigurations.of(HibernateJpaAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class))
		.withUserConfiguration(EntitiesConfiguration.class);

	@Test
	void whenNoSettingsThenEveryRuleRunsAtItsDefaultSeverity() {
		this.contextRunner.run((context) -> {
			RuleSettings settings = context.getBean(RuleSettings.class);
			assertThat(Rules.all()).allSatisfy((rule) -> {
				assertThat(settings.isEnabled(rule)).isTrue();
				assertThat(settings.severity(rule)).isEqualTo(rule.severity());
			});
			assertThat(findings(context)).extracting(Finding::rule).containsExactly("config-slow-connection-timeout");
		});
	}

	@Test
	void whenARuleIsDisabledThenItsFindingsAreDroppedAndTheCatalogueSaysSo() {
		this.contextRunner.withPropertyValues("dbperf.rules.config-slow-connection-timeout.enabled=false")
			.run((context) -> {
				assertThat(findings(context)).isEmpty();
				assertThat(rule(context, "config-slow-connection-timeout").enabled()).isFalse();
				assertThat(rule(context, "config-leak-detection-off").enabled()).isTrue();
			});
	}

	@Test
	void whenASeverityIsChangedThenFindingsAndTheCatalogueUseIt() {
		this.contextRunner.withPropertyValues("dbperf.rules.config-slow-connection-timeout.severity=ERROR")
			.run((context) -> {
				assertThat(findings(context)).singleElement()
					.satisfies((finding) -> assertThat(finding.severity()).isEqualTo(Severity.ERROR));
				assertThat(rule(context, "config-slow-connection-timeout").severity()).isEqualTo(Severity.ERROR);
			});
	}

	@Test
	void whenEnvironmentVariablesSetARuleThenItIsBound() {
		Map<String, Object> variables = Map.of("DBPERF_RULES_CONFIGSLOWCONNECTIONTIMEOUT_SEVERITY", "info");
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								variables)))
			.run((context) -> assertThat(findings(context)).singleElement()
				.satisfies((finding) -> assertThat(finding.severity()).isEqualTo(Severity.INFO)));
	}

	@Test
	void whenASettingIsIgnoredThenItsFindingsAreDropped() {
		this.contextRunner
			.withPropertyValues("dbperf.rules.ignore[0].rule=config-slow-connection-timeout",
					"dbperf.rules.ignore[0].where=spring.datasource.hikari.*")
			.run((context) -> assertThat(findings(context)).isEmpty());
	}

	@Test
	void whenAnIgnoreNamesAnotherPlaceThenTheFindingStays() {
		this.contextRunner
			.withPropertyValues("dbperf.rules.ignore[0].rule=config-slow-connection-timeout",
					"dbperf.rules.ignore[0].where=spring.jpa.*")
			.run((context) -> assertThat(findings(context)).hasSize(1));
	}

	@Test
	void whenAnEntityFieldIsIgnoredThenOnlyThatFindingIsDropped() {
		this.hibernateRunner
			.withPropertyValues("dbperf.rules.ignore[0].rule=jpa-eager-to-many", "dbperf.rules.ignore[0].where=Owner.*")
			.run((context) -> assertThat(findings(context)).extracting(Finding::rule)
				.isNotEmpty()
				.doesNotContain("jpa-eager-to-many"));
		this.hibernateRunner.run((context) -> assertThat(findings(context)).extracting(Finding::where)
			.contains(Where.attribute("Owner", "pets")));
	}

	@Test
	void whenAnotherFindingSourceIsABeanThenTheEndpointListsItsFindingsMostSevereFirst() {
		this.contextRunner.withUserConfiguration(SourceConfiguration.class)
			.run((context) -> assertThat(findings(context)).extracting(Finding::rule)
				.containsExactly("runtime-n-plus-one", "config-slow-connection-timeout"));
	}

	@Test
	void whenAPropertyNamesAnUnknownRuleThenStartupFailsListingTheRules() {
		this.contextRunner.withPropertyValues("dbperf.rules.jpa-eager-to-money.enabled=false").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).isEqualTo(
					"Configuration property 'dbperf.rules.jpa-eager-to-money.enabled' names the unknown rule 'jpa-eager-to-money'.");
			assertThat(analysis.getAction()).contains("jpa-eager-to-many, jpa-eager-to-one");
		});
	}

	@Test
	void whenAnIgnoreNamesAnUnknownRuleThenStartupFails() {
		this.contextRunner.withPropertyValues("dbperf.rules.ignore[0].rule=sql-nope").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(analyze(context.getStartupFailure()).getDescription())
				.isEqualTo("Configuration property 'dbperf.rules.ignore[0].rule' names the unknown rule 'sql-nope'.");
		});
	}

	@Test
	void whenASeverityIsNotOneOfErrorWarnInfoThenStartupFailsNamingThem() {
		this.contextRunner.withPropertyValues("dbperf.rules.jpa-eager-to-many.severity=fatal").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).isEqualTo(
					"Invalid value 'fatal' for configuration property 'dbperf.rules.jpa-eager-to-many.severity'.");
			assertThat(analysis.getAction())
				.isEqualTo("Set 'dbperf.rules.jpa-eager-to-many.severity' to an allowed value: error, warn, info.");
		});
	}

	@Test
	void whenTheUserDefinesRuleSettingsThenTheyAreUsed() {
		this.contextRunner
			.withBean(RuleSettings.class,
					() -> new RuleSettings(Map.of(), Map.of(), List.of(new RuleSettings.Ignore("*", "*"))))
			.run((context) -> assertThat(findings(context)).isEmpty());
	}

	private static List<Finding> findings(org.springframework.context.ApplicationContext context) {
		return context.getBean(DbperfEndpoint.class).dbperf().findings();
	}

	private static RuleDescriptor rule(org.springframework.context.ApplicationContext context, String id) {
		DbperfDescriptor descriptor = context.getBean(DbperfEndpoint.class).dbperf();
		return descriptor.rules().stream().filter((rule) -> rule.id().equals(id)).findFirst().orElseThrow();
	}

	// As Spring Boot's FailureAnalyzers does: the first analysis wins
	private static FailureAnalysis analyze(Throwable failure) {
		ArgumentResolver arguments = ArgumentResolver.of(BeanFactory.class, new DefaultListableBeanFactory())
			.and(Environment.class, new StandardEnvironment());
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, arguments,
					FailureHandler.logging(LogFactory.getLog(RulesAutoConfigurationTests.class)));
		for (FailureAnalyzer analyzer : analyzers) {
			FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null) {
				return analysis;
			}
		}
		throw new AssertionError("No analysis of " + failure);
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = Owner.class)
	static class EntitiesConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	static class SourceConfiguration {

		@Bean
		FindingSource runtimeFindings() {
			return () -> List.of(Rules.RUNTIME_N_PLUS_ONE.finding("N+1", Where.attribute("Owner", "pets")));
		}

	}

}
