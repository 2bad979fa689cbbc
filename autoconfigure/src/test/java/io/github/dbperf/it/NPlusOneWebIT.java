package io.github.dbperf.it;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.autoconfigure.nplusone.NPlusOneAutoConfiguration;
import io.github.dbperf.autoconfigure.pool.PoolAutoConfiguration;
import io.github.dbperf.autoconfigure.query.QueryAutoConfiguration;
import io.github.dbperf.it.blog.Owner;
import io.github.dbperf.it.blog.OwnerController;
import io.github.dbperf.jdbc.StatementEvent;
import io.github.dbperf.jdbc.StatementListener;
import io.github.dbperf.nplusone.IncidentStore;
import io.github.dbperf.nplusone.NPlusOneDetector;
import io.github.dbperf.nplusone.NPlusOneException;
import io.github.dbperf.testing.TestPostgres;
import jakarta.servlet.Filter;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * N+1 detection for HTTP requests through MockMvc, on a real PostgreSQL.
 */
class NPlusOneWebIT {

	private static final String DATABASE = TestPostgres.newDatabase("nplusoneweb");

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withPropertyValues(TestPostgres.properties(DATABASE))
		.withPropertyValues("dbperf.application-packages=io.github.dbperf.it",
				"spring.jpa.hibernate.ddl-auto=create-drop",
				"spring.jpa.properties.hibernate.default_batch_fetch_size=1", "dbperf.nplusone.ignore=Owner.pets")
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
				TransactionManagerCustomizationAutoConfiguration.class, TransactionAutoConfiguration.class,
				DataJpaRepositoriesAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
				WebMvcAutoConfiguration.class, DbperfAutoConfiguration.class, JdbcCaptureAutoConfiguration.class,
				QueryAutoConfiguration.class, PoolAutoConfiguration.class, NPlusOneAutoConfiguration.class))
		.withUserConfiguration(WebConfiguration.class);

	@Test
	void whenModeIsExceptionThenTheNaiveRequestFailsAndTheFixedOneSucceeds() {
		this.contextRunner.withPropertyValues("dbperf.nplusone.mode=exception").run((context) -> {
			MockMvc mvc = mockMvc(context);
			assertThatExceptionOfType(NPlusOneException.class)
				.isThrownBy(() -> mvc.perform(get("/clinics/north/owners")))
				.withMessageContaining("N+1 queries in GET /clinics/{clinic}/owners")
				.withMessageContaining("Owner.visits (LAZY) loaded 5 times");
			assertThat(mvc.perform(get("/clinics/north/owners/fixed")).andReturn().getResponse().getStatus())
				.isEqualTo(200);
		});
	}

	@Test
	void whenModeIsLogThenTheResponseIsUnchangedAndTheIncidentIsNamedByRoute() {
		this.contextRunner.run((context) -> {
			MockMvc mvc = mockMvc(context);
			String naive = mvc.perform(get("/clinics/north/owners")).andReturn().getResponse().getContentAsString();
			String fixed = mvc.perform(get("/clinics/north/owners/fixed"))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(naive).isEqualTo(fixed).contains("owner-1:2");
			List<IncidentStore.Aggregate> incidents = context.getBean(NPlusOneDetector.class).store().incidents();
			assertThat(incidents).singleElement().satisfies((incident) -> {
				assertThat(incident.unitOfWork()).isEqualTo("GET /clinics/{clinic}/owners");
				assertThat(incident.association()).isEqualTo("Owner.visits");
				assertThat(incident.callSite()).startsWith("OwnerController.lambda$naive");
			});
		});
	}

	@Test
	void whenRequestsRunInsideAnOuterTransactionThenEachRequestIsItsOwnUnit() {
		this.contextRunner.withUserConfiguration(UnitNames.class).run((context) -> {
			MockMvc mvc = mockMvc(context);
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			TransactionTemplate transaction = new TransactionTemplate(
					context.getBean(PlatformTransactionManager.class));
			transaction.setName("testMethod");
			transaction.executeWithoutResult((status) -> {
				try {
					mvc.perform(get("/clinics/north/owners"));
					mvc.perform(get("/clinics/north/owners/fixed"));
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
				for (int owner = 1; owner <= 3; owner++) {
					jdbc.queryForList("select id from owner where name = ?", "owner-" + owner);
				}
			});
			assertThat(context.getBean(UnitNames.class).names).containsExactlyInAnyOrder("tx testMethod",
					"GET /clinics/{clinic}/owners", "GET /clinics/{clinic}/owners/fixed");
			assertThat(context.getBean(NPlusOneDetector.class).store().incidents()).extracting(
					(incident) -> incident.unitOfWork() + ": " + incident.association() + " x" + incident.maxRepeats())
				.containsExactlyInAnyOrder("GET /clinics/{clinic}/owners: Owner.visits x5", "tx testMethod: null x3");
		});
	}

	@Test
	void whenARequestWithoutTheFilterRunsInsideAnOuterTransactionThenTheOuterUnitKeepsItsName() {
		this.contextRunner.run((context) -> {
			seed(context);
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
			TransactionTemplate transaction = new TransactionTemplate(
					context.getBean(PlatformTransactionManager.class));
			transaction.setName("testMethod");
			transaction.executeWithoutResult((status) -> {
				try {
					mvc.perform(get("/clinics/north/owners"));
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			assertThat(context.getBean(NPlusOneDetector.class).store().incidents()).singleElement()
				.satisfies((incident) -> assertThat(incident.unitOfWork()).isEqualTo("tx testMethod"));
		});
	}

	private static MockMvc mockMvc(AssertableWebApplicationContext context) {
		seed(context);
		Filter unitOfWork = context.getBean(FilterRegistrationBean.class).getFilter();
		return MockMvcBuilders.webAppContextSetup(context).addFilters(unitOfWork).build();
	}

	private static void seed(AssertableWebApplicationContext context) {
		JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
		for (int owner = 1; owner <= 5; owner++) {
			jdbc.update("insert into owner (id, name) values (?, ?)", owner, "owner-" + owner);
			for (int child = 0; child < 2; child++) {
				jdbc.update("insert into visit (id, owner_id) values (?, ?)", owner * 10 + child, owner);
			}
		}
	}

	/**
	 * Records the unit of work of every statement after startup.
	 */
	static class UnitNames implements StatementListener {

		final Set<@Nullable String> names = ConcurrentHashMap.newKeySet();

		@Override
		public void onStatement(StatementEvent event) {
			if (!event.startup()) {
				this.names.add(event.unitOfWork());
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = Owner.class)
	@Import(OwnerController.class)
	static class WebConfiguration {

	}

}
