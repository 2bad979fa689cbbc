package io.github.dbperf.it;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.autoconfigure.nplusone.NPlusOneAutoConfiguration;
import io.github.dbperf.autoconfigure.query.QueryAutoConfiguration;
import io.github.dbperf.it.blog.Owner;
import io.github.dbperf.it.blog.OwnerRepository;
import io.github.dbperf.nplusone.RuntimeFindings;
import io.github.dbperf.rules.Finding;
import io.github.dbperf.rules.Rule;
import io.github.dbperf.rules.Rules;
import io.github.dbperf.testing.TestPostgres;
import jakarta.servlet.Filter;
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
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The runtime rules that need a web request, on a real PostgreSQL with Open Session in
 * View on (Spring Boot's default): lazy loads while the view renders, and a transaction
 * that borrows a connection for nothing.
 */
class RuntimeRulesWebIT {

	private static final String DATABASE = TestPostgres.newDatabase("runtimeweb");

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withPropertyValues(TestPostgres.properties(DATABASE))
		.withPropertyValues("dbperf.application-packages=io.github.dbperf.it",
				"spring.jpa.hibernate.ddl-auto=create-drop", "dbperf.nplusone.ignore=Owner.pets")
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
				TransactionManagerCustomizationAutoConfiguration.class, TransactionAutoConfiguration.class,
				DataJpaRepositoriesAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
				WebMvcAutoConfiguration.class, DbperfAutoConfiguration.class, JdbcCaptureAutoConfiguration.class,
				QueryAutoConfiguration.class, NPlusOneAutoConfiguration.class))
		.withUserConfiguration(WebConfiguration.class);

	@Test
	void whenTheViewLoadsLazilyThenTheStatementsAfterTheHandlerAreReported() {
		this.contextRunner.run((context) -> {
			MockMvc mvc = mockMvc(context);
			mvc.perform(get("/owners/view")).andExpect(status().isOk());
			mvc.perform(get("/owners/view/fixed")).andExpect(status().isOk());
			assertThat(findings(context, Rules.RUNTIME_QUERY_AFTER_RESPONSE)).singleElement().satisfies((finding) -> {
				assertThat(finding.where().unitOfWork()).isEqualTo("GET /owners/view");
				assertThat(finding.message()).startsWith("3 statements ran in GET /owners/view after the handler");
				assertThat(finding.where().sql()).contains("from visit");
				assertThat(finding.where().callSite()).startsWith("RuntimeRulesWebIT$OwnersView.render(");
			});
		});
	}

	@Test
	void whenTheResponseBodyLoadsLazilyWhileSerializedThenThoseStatementsAreReported() {
		this.contextRunner.run((context) -> {
			MockMvc mvc = mockMvc(context);
			mvc.perform(get("/owners/json")).andExpect(status().isOk());
			mvc.perform(get("/greeting/plain")).andExpect(status().isOk());
			assertThat(findings(context, Rules.RUNTIME_QUERY_AFTER_RESPONSE)).singleElement().satisfies((finding) -> {
				assertThat(finding.where().unitOfWork()).isEqualTo("GET /owners/json");
				assertThat(finding.message()).startsWith("3 statements ran in GET /owners/json after the handler");
				assertThat(finding.where().sql()).contains("from visit");
			});
		});
	}

	@Test
	void whenATransactionRunsNoStatementThenItsConnectionIsReported() {
		this.contextRunner.run((context) -> {
			MockMvc mvc = mockMvc(context);
			mvc.perform(get("/greeting/transactional")).andExpect(status().isOk());
			mvc.perform(get("/greeting/plain")).andExpect(status().isOk());
			mvc.perform(get("/owners/view/fixed")).andExpect(status().isOk());
			assertThat(findings(context, Rules.RUNTIME_CONNECTION_WITHOUT_STATEMENT)).singleElement()
				.satisfies((finding) -> {
					assertThat(finding.where().unitOfWork()).isEqualTo("GET /greeting/transactional");
					assertThat(finding.message())
						.isEqualTo("GET /greeting/transactional borrowed 1 connection and gave it back without"
								+ " running a statement");
				});
		});
	}

	private static List<Finding> findings(AssertableWebApplicationContext context, Rule rule) {
		return context.getBean(RuntimeFindings.class)
			.findings()
			.stream()
			.filter((finding) -> finding.rule().equals(rule.id()))
			.toList();
	}

	private static MockMvc mockMvc(AssertableWebApplicationContext context) {
		JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
		for (int owner = 1; owner <= 3; owner++) {
			jdbc.update("insert into owner (id, name) values (?, ?)", owner, "owner-" + owner);
			jdbc.update("insert into visit (id, owner_id) values (?, ?)", owner * 10, owner);
		}
		Filter unitOfWork = context.getBean(FilterRegistrationBean.class).getFilter();
		return MockMvcBuilders.webAppContextSetup(context).addFilters(unitOfWork).build();
	}

	@Controller
	static class OwnersController {

		private final OwnerRepository owners;

		private final GreetingService greetings;

		OwnersController(OwnerRepository owners, GreetingService greetings) {
			this.owners = owners;
			this.greetings = greetings;
		}

		@GetMapping("/owners/view")
		ModelAndView view() {
			return new ModelAndView(new OwnersView(), Map.of("owners", this.owners.findAll()));
		}

		@GetMapping("/owners/view/fixed")
		ModelAndView fixedView() {
			return new ModelAndView(new OwnersView(), Map.of("owners", this.owners.findAllWithVisits()));
		}

		@GetMapping("/owners/json")
		@ResponseBody
		List<OwnerSummary> json() {
			return this.owners.findAll().stream().map(OwnerSummary::new).toList();
		}

		@GetMapping("/greeting/transactional")
		@ResponseBody
		String transactional() {
			return this.greetings.transactionalGreeting();
		}

		@GetMapping("/greeting/plain")
		@ResponseBody
		String plain() {
			return this.greetings.greeting();
		}

	}

	static class OwnerSummary {

		private final Owner owner;

		OwnerSummary(Owner owner) {
			this.owner = owner;
		}

		public String getName() {
			return this.owner.getName();
		}

		public int getVisits() {
			return this.owner.getVisits().size();
		}

	}

	static class GreetingService {

		@Transactional
		public String transactionalGreeting() {
			return "hello";
		}

		public String greeting() {
			return "hello";
		}

	}

	static class OwnersView implements View {

		@Override
		@SuppressWarnings("unchecked")
		public void render(Map<String, ?> model, jakarta.servlet.http.HttpServletRequest request,
				jakarta.servlet.http.HttpServletResponse response) throws Exception {
			StringBuilder page = new StringBuilder();
			for (Owner owner : (List<Owner>) model.get("owners")) {
				page.append(owner.getName()).append(": ").append(owner.getVisits().size()).append('\n');
			}
			response.getWriter().write(page.toString());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = Owner.class)
	@Import({ OwnersController.class, GreetingService.class })
	static class WebConfiguration {

	}

}
