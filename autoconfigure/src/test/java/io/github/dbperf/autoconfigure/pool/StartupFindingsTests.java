package io.github.dbperf.autoconfigure.pool;

import java.time.Duration;

import io.github.dbperf.advisor.DataAccessReport;
import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.autoconfigure.rules.RulesAutoConfiguration;
import io.github.dbperf.it.blog.Owner;
import io.github.dbperf.rules.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The startup rules as the application sees them: logged once when it is ready, after the
 * user's settings, and computed once.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFindingsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues("spring.datasource.generate-unique-name=true",
				"spring.datasource.hikari.connection-timeout=30000", "spring.jpa.show-sql=true")
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, DbperfAutoConfiguration.class,
				RulesAutoConfiguration.class, JdbcCaptureAutoConfiguration.class, PoolAutoConfiguration.class,
				HibernateJpaAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class))
		.withUserConfiguration(EntitiesConfiguration.class);

	@Test
	void whenTheApplicationIsReadyThenStartupFindingsAreLoggedOnceWithTheirRuleAfterSettings(CapturedOutput output) {
		this.contextRunner.withPropertyValues("dbperf.rules.jpa-eager-to-many.enabled=false").run((context) -> {
			ready(context);
			ready(context);
			assertThat(output).containsOnlyOnce("WARN [config-slow-connection-timeout] Callers of 'dataSource'")
				.containsOnlyOnce("[config-show-sql-in-production]")
				.doesNotContain("[jpa-eager-to-many]");
		});
	}

	@Test
	void whenStartupRulesRanThenTheirResultIsKept() {
		this.contextRunner.run((context) -> {
			DataAccessReport report = context.getBean(DataAccessReport.class);
			assertThat(report.findings()).isSameAs(report.findings())
				.extracting(Finding::rule)
				.contains("jpa-eager-to-many", "config-show-sql-in-production");
		});
	}

	@Test
	void whenADevelopmentProfileIsActiveThenShowSqlIsNotAProductionFinding() {
		for (String profile : new String[] { "dev", "local", "test" }) {
			this.contextRunner.withPropertyValues("spring.profiles.active=" + profile)
				.run((context) -> assertThat(context.getBean(DataAccessReport.class).findings()).as(profile)
					.extracting(Finding::rule)
					.contains("jpa-eager-to-many")
					.doesNotContain("config-show-sql-in-production"));
		}
	}

	@Test
	void whenStatisticsAreOnInProductionThenConfigStatisticsInProduction() {
		this.contextRunner.withPropertyValues("spring.jpa.properties.hibernate.generate_statistics=true")
			.run((context) -> assertThat(context.getBean(DataAccessReport.class).findings()).extracting(Finding::rule)
				.contains("config-statistics-in-production"));
	}

	private static void ready(ConfigurableApplicationContext context) {
		context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO));
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = Owner.class)
	static class EntitiesConfiguration {

	}

}
