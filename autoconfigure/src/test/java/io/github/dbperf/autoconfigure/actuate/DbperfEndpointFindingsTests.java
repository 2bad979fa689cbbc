package io.github.dbperf.autoconfigure.actuate;

import java.util.ArrayList;
import java.util.List;

import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.autoconfigure.pool.PoolAutoConfiguration;
import io.github.dbperf.autoconfigure.rules.RulesAutoConfiguration;
import io.github.dbperf.it.blog.Owner;
import io.github.dbperf.rules.Rules;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementContextAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.actuate.web.ServletManagementContextAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The {@code findings} and {@code rules} of {@code GET /actuator/dbperf} as the actuator
 * renders them.
 */
class DbperfEndpointFindingsTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withPropertyValues("spring.datasource.generate-unique-name=true",
				"management.endpoints.web.exposure.include=dbperf", "spring.datasource.hikari.connection-timeout=30000",
				"dbperf.rules.jpa-eager-to-one.severity=warn")
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, DbperfAutoConfiguration.class,
				RulesAutoConfiguration.class, JdbcCaptureAutoConfiguration.class, PoolAutoConfiguration.class,
				HibernateJpaAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
				DbperfEndpointAutoConfiguration.class, JacksonAutoConfiguration.class,
				HttpMessageConvertersAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
				WebMvcAutoConfiguration.class, EndpointAutoConfiguration.class, JacksonEndpointAutoConfiguration.class,
				WebEndpointAutoConfiguration.class, ManagementContextAutoConfiguration.class,
				ServletManagementContextAutoConfiguration.class))
		.withUserConfiguration(EntitiesConfiguration.class);

	@Test
	void whenFindingsThenEachShowsRuleSeverityMessageFixDocsWhereAndCount() {
		this.contextRunner.run((context) -> {
			JsonNode body = body(MockMvcBuilders.webAppContextSetup(context).build());
			List<JsonNode> findings = new ArrayList<>();
			body.get("findings").forEach(findings::add);
			JsonNode eager = findings.stream()
				.filter((finding) -> finding.get("rule").asString().equals("jpa-eager-to-many"))
				.findFirst()
				.orElseThrow();
			assertThat(eager.propertyNames()).containsExactlyInAnyOrder("rule", "severity", "message", "fix", "where",
					"count", "docs");
			assertThat(eager.get("severity").asString()).isEqualTo("WARN");
			assertThat(eager.get("docs").asString()).isEqualTo("docs/rules.md#jpa-eager-to-many");
			assertThat(eager.get("count").asLong()).isEqualTo(1);
			assertThat(eager.get("where").propertyNames()).containsExactlyInAnyOrder("entity", "field");
			assertThat(eager.get("where").get("entity").asString()).isEqualTo("Owner");
			assertThat(eager.get("where").get("field").asString()).isEqualTo("pets");
			JsonNode timeout = findings.stream()
				.filter((finding) -> finding.get("rule").asString().equals("config-slow-connection-timeout"))
				.findFirst()
				.orElseThrow();
			assertThat(timeout.get("where").propertyNames()).containsExactlyInAnyOrder("setting", "dataSource");
			assertThat(timeout.get("where").get("dataSource").asString()).isEqualTo("dataSource");
			List<String> severities = findings.stream().map((finding) -> finding.get("severity").asString()).toList();
			assertThat(severities).isSortedAccordingTo((left, right) -> io.github.dbperf.rules.Severity.valueOf(left)
				.compareTo(io.github.dbperf.rules.Severity.valueOf(right)));
		});
	}

	@Test
	void whenRulesAreListedThenEachShowsItsSettingsTitleFixAndDocs() {
		this.contextRunner.run((context) -> {
			JsonNode rules = body(MockMvcBuilders.webAppContextSetup(context).build()).get("rules");
			assertThat(rules.size()).isEqualTo(Rules.all().size());
			JsonNode eagerToOne = null;
			for (JsonNode rule : rules) {
				if (rule.get("id").asString().equals("jpa-eager-to-one")) {
					eagerToOne = rule;
				}
			}
			assertThat(eagerToOne).isNotNull();
			assertThat(eagerToOne.propertyNames()).containsExactly("id", "category", "severity", "enabled", "title",
					"fix", "docs");
			assertThat(eagerToOne.get("category").asString()).isEqualTo("mapping");
			assertThat(eagerToOne.get("severity").asString()).as("after settings").isEqualTo("WARN");
			assertThat(eagerToOne.get("enabled").asBoolean()).isTrue();
		});
	}

	private static JsonNode body(MockMvc mvc) throws Exception {
		String content = mvc.perform(get("/actuator/dbperf")).andReturn().getResponse().getContentAsString();
		return json.readTree(content);
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = Owner.class)
	static class EntitiesConfiguration {

	}

}
