package io.github.dbperf.autoconfigure.plan;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import io.github.dbperf.actuate.SlowQueriesEndpoint;
import io.github.dbperf.actuate.SlowQueriesEndpoint.PlanDescriptor;
import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.actuate.DbperfEndpointAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.PlanValuesThreshold;
import io.github.dbperf.autoconfigure.query.QueryAutoConfiguration;
import io.github.dbperf.plan.QueryPlans;
import io.github.dbperf.query.QueryEntry;
import io.github.dbperf.query.QuerySort;
import io.github.dbperf.query.QueryStore;
import io.github.dbperf.query.SlowQueryHook;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PlanAutoConfiguration} and the plan path of the {@code slowqueries}
 * endpoint.
 *
 * @author dbperf
 */
class PlanAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues("spring.datasource.generate-unique-name=true",
				"management.endpoints.web.exposure.include=slowqueries")
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, DbperfAutoConfiguration.class,
				JdbcCaptureAutoConfiguration.class, QueryAutoConfiguration.class, PlanAutoConfiguration.class,
				DbperfEndpointAutoConfiguration.class));

	@Test
	void whenDefaultsThenPlansAreCapturedOnSlowAndTheSlowLogIsHooked() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(QueryPlans.class).hasSingleBean(SlowQueryHook.class);
			PlanProperties properties = context.getBean(PlanProperties.class);
			assertThat(properties.getStatementTimeout()).hasSeconds(2);
			assertThat(properties.getMinInterval()).hasMinutes(10);
			assertThat(properties.isCaptureOnSlow()).isTrue();
			assertThat(properties.getMinTableRows()).isEqualTo(10_000);
		});
	}

	@Test
	void whenCaptureOnSlowThenTheValuesOfSlowExecutionsAreHeldAtTheSlowThreshold() {
		this.contextRunner.withPropertyValues("dbperf.queries.slow-threshold=250ms")
			.run((context) -> assertThat(context.getBean(PlanValuesThreshold.class).threshold())
				.isEqualTo(Duration.ofMillis(250)));
	}

	@Test
	void whenNotCapturingOnSlowThenNoValuesAreHeld() {
		this.contextRunner.withPropertyValues("dbperf.plans.capture-on-slow=false")
			.run((context) -> assertThat(context).hasSingleBean(QueryPlans.class)
				.doesNotHaveBean(PlanValuesThreshold.class));
	}

	@Test
	void whenDisabledThenNoPlansAndTheEndpointSaysSo() {
		this.contextRunner.withPropertyValues("dbperf.plans.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(QueryPlans.class)
				.doesNotHaveBean(SlowQueryHook.class)
				.doesNotHaveBean(PlanValuesThreshold.class);
			PlanDescriptor plan = planOfOneStatement(context);
			assertThat(plan.status()).isEqualTo("unavailable");
			assertThat(plan.message()).contains("Plan capture is off");
		});
	}

	@Test
	void whenTheDatabaseIsH2ThenTheEndpointSaysItCannotBeAsked() {
		this.contextRunner.run((context) -> {
			PlanDescriptor plan = planOfOneStatement(context);
			assertThat(plan.status()).isEqualTo("unavailable");
			assertThat(plan.message()).contains("H2 cannot be asked for a plan");
			assertThat(plan.plan()).isNull();
			assertThat(plan.findings()).isEmpty();
		});
	}

	@Test
	void whenTheIdIsUnknownThenNullFor404AndAnUnknownDetailIsRejected() {
		this.contextRunner.run((context) -> {
			SlowQueriesEndpoint endpoint = context.getBean(SlowQueriesEndpoint.class);
			assertThat(endpoint.slowQueryPlan("no-such-id", "plan")).isNull();
			assertThatExceptionOfType(InvalidEndpointRequestException.class)
				.isThrownBy(() -> endpoint.slowQueryPlan("no-such-id", "explain"))
				.withMessageContaining("use /slowqueries/{id}/plan");
		});
	}

	@Test
	void whenActuatorIsMissingThenPlansAreStillCaptured() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).hasSingleBean(QueryPlans.class)
				.doesNotHaveBean(SlowQueriesEndpoint.class));
	}

	@Test
	void whenTheStatementTimeoutIsZeroThenStartupFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("dbperf.plans.statement-timeout=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("dbperf.plans.statement-timeout");
		});
	}

	@Test
	void whenTheQueueCapacityIsZeroThenStartupFails() {
		this.contextRunner.withPropertyValues("dbperf.plans.queue-capacity=0")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("dbperf.plans.queue-capacity"));
	}

	private static PlanDescriptor planOfOneStatement(AssertableApplicationContext context) throws Exception {
		try (Connection connection = context.getBean(DataSource.class).getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create table item (id int primary key, name varchar(20))");
			statement.executeQuery("select * from item where name = 'x'").close();
		}
		QueryEntry entry = context.getBean(QueryStore.class)
			.entries(QuerySort.TOTAL, 100)
			.stream()
			.filter((each) -> each.sql().startsWith("select * from item"))
			.findFirst()
			.orElseThrow();
		return context.getBean(SlowQueriesEndpoint.class).slowQueryPlan(entry.id(), "plan");
	}

}
