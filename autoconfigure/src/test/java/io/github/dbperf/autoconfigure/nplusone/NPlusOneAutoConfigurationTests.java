package io.github.dbperf.autoconfigure.nplusone;

import io.github.dbperf.actuate.NPlusOneEndpoint;
import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.actuate.DbperfEndpointAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.autoconfigure.pool.PoolAutoConfiguration;
import io.github.dbperf.autoconfigure.query.QueryAutoConfiguration;
import io.github.dbperf.jdbc.UnitOfWorkContext;
import io.github.dbperf.nplusone.IncidentKind;
import io.github.dbperf.nplusone.NPlusOneDetector;
import io.github.dbperf.nplusone.QueryScope;
import io.github.dbperf.testing.Startup;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link NPlusOneAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class NPlusOneAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues("spring.datasource.generate-unique-name=true",
				"management.endpoints.web.exposure.include=nplusone",
				"dbperf.application-packages=io.github.dbperf.autoconfigure.nplusone")
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, DbperfAutoConfiguration.class,
				JdbcCaptureAutoConfiguration.class, QueryAutoConfiguration.class, PoolAutoConfiguration.class,
				NPlusOneAutoConfiguration.class, DbperfEndpointAutoConfiguration.class));

	@Test
	void whenALoopRunsInAQueryScopeThenTheIncidentIsStoredAndCounted() {
		this.contextRunner.run((context) -> {
			loop(context, "export", 4, true);
			assertThat(context.getBean(NPlusOneDetector.class).store().incidents()).singleElement()
				.satisfies((incident) -> {
					assertThat(incident.kind()).isEqualTo(IncidentKind.N_PLUS_ONE);
					assertThat(incident.unitOfWork()).isEqualTo("export");
					assertThat(incident.sql()).isEqualTo("select name from item where id = ?");
					assertThat(incident.maxRepeats()).isEqualTo(4);
					assertThat(incident.callSite()).startsWith("NPlusOneAutoConfigurationTests.loop(");
				});
			assertThat(context.getBean(MeterRegistry.class)
				.get("dbperf.nplusone.incidents")
				.tags("unit", "export", "kind", "n_plus_one")
				.counter()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void whenRepeatsStayBelowTheThresholdThenNothingIsReported() {
		this.contextRunner.withPropertyValues("dbperf.nplusone.threshold=5").run((context) -> {
			loop(context, "export", 4, true);
			assertThat(context.getBean(NPlusOneDetector.class).store().incidents()).isEmpty();
		});
	}

	@Test
	void whenTheSqlIsIgnoredThenNothingIsReported() {
		this.contextRunner.withPropertyValues("dbperf.nplusone.ignore=from item").run((context) -> {
			loop(context, "export", 4, true);
			assertThat(context.getBean(NPlusOneDetector.class).store().incidents()).isEmpty();
		});
	}

	@Test
	void whenModeIsOffThenScopesOpenNoUnit() {
		this.contextRunner.withPropertyValues("dbperf.nplusone.mode=off").run((context) -> {
			try (QueryScope scope = QueryScope.open("export")) {
				assertThat(UnitOfWorkContext.current()).isNull();
			}
			loop(context, "export", 4, true);
			assertThat(context.getBean(NPlusOneDetector.class).store().incidents()).isEmpty();
		});
	}

	@Test
	void whenEndpointResetsThenIncidentsAreGone() {
		this.contextRunner.run((context) -> {
			loop(context, "export", 3, false);
			NPlusOneEndpoint endpoint = context.getBean(NPlusOneEndpoint.class);
			assertThat(endpoint.incidents().threshold()).isEqualTo(3);
			assertThat(endpoint.incidents().incidents()).singleElement()
				.satisfies((incident) -> assertThat(incident.kind()).isEqualTo(IncidentKind.DUPLICATE));
			endpoint.reset();
			assertThat(endpoint.incidents().incidents()).isEmpty();
		});
	}

	@Test
	void whenNotAWebApplicationThenNoRequestFilterIsRegistered() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class));
	}

	@Test
	void whenCaptureIsDisabledThenDetectionBacksOff() {
		this.contextRunner.withPropertyValues("dbperf.jdbc.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(NPlusOneDetector.class));
	}

	@Test
	void whenThresholdIsBelowTwoThenStartupFailsNamingTheProperty(CapturedOutput output) {
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> run("dbperf.nplusone.threshold=1"));
		assertThat(output).contains("Invalid value '1' for configuration property 'dbperf.nplusone.threshold'")
			.contains("at least 2");
	}

	@Test
	void whenModeIsUnknownThenStartupFailsListingTheModes(CapturedOutput output) {
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> run("dbperf.nplusone.mode=loud"));
		assertThat(output).contains("dbperf.nplusone.mode").contains("loud").containsIgnoringCase("exception");
	}

	private static void loop(AssertableApplicationContext context, String unit, int times, boolean differing) {
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		jdbc.execute("create table if not exists item (id int primary key, name varchar(20))");
		try (QueryScope scope = QueryScope.open(unit)) {
			for (int i = 0; i < times; i++) {
				jdbc.queryForList("select name from item where id = ?", String.class, differing ? i : 1);
			}
		}
	}

	private static void run(String property) {
		Startup.run(new Class<?>[] { FailingApplication.class }, property);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, DbperfAutoConfiguration.class,
			JdbcCaptureAutoConfiguration.class, QueryAutoConfiguration.class, NPlusOneAutoConfiguration.class })
	static class FailingApplication {

	}

}
