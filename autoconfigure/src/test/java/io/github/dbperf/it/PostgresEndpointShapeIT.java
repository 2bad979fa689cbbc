package io.github.dbperf.it;

import java.util.ArrayList;
import java.util.List;

import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.actuate.DbperfEndpointAutoConfiguration;
import io.github.dbperf.autoconfigure.cache.CacheAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.autoconfigure.query.QueryAutoConfiguration;
import io.github.dbperf.it.cache.CategoryService;
import io.github.dbperf.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementContextAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.actuate.web.ServletManagementContextAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The {@code slowqueries} and {@code querycache} endpoints over HTTP on a real
 * PostgreSQL: one shape for a fingerprint in the list and in detail, 400 for a bad query
 * parameter and 404 for an unknown fingerprint (both from Boot's endpoint support), and
 * 404 for an unknown cache.
 */
class PostgresEndpointShapeIT {

	private static final String DATABASE = TestPostgres.newDatabase("shape");

	private static final JsonMapper json = JsonMapper.builder().build();

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withPropertyValues(TestPostgres.properties(DATABASE))
		.withPropertyValues("dbperf.application-packages=io.github.dbperf.it", "dbperf.cache.type=caffeine",
				"management.endpoints.web.exposure.include=slowqueries,querycache")
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				DbperfAutoConfiguration.class, JdbcCaptureAutoConfiguration.class, QueryAutoConfiguration.class,
				CacheAutoConfiguration.class, DbperfEndpointAutoConfiguration.class, JacksonAutoConfiguration.class,
				HttpMessageConvertersAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
				WebMvcAutoConfiguration.class, EndpointAutoConfiguration.class, JacksonEndpointAutoConfiguration.class,
				WebEndpointAutoConfiguration.class, ManagementContextAutoConfiguration.class,
				ServletManagementContextAutoConfiguration.class))
		.withUserConfiguration(CategoryService.Configuration.class);

	@Test
	void whenAFingerprintIsListedAndShownThenBothHaveTheSameFieldsWithRowsAndParameters() {
		this.contextRunner.run((context) -> {
			context.getBean(CategoryService.class).seed().categories();
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
			JsonNode list = body(mvc.perform(get("/actuator/slowqueries?limit=100")).andReturn());
			List<JsonNode> queries = new ArrayList<>();
			list.get("queries").forEach(queries::add);
			JsonNode select = queries.stream()
				.filter((query) -> query.get("sql").asString().startsWith("select id, name from category"))
				.findFirst()
				.orElseThrow();
			JsonNode insert = queries.stream()
				.filter((query) -> query.get("sql").asString().startsWith("insert into category"))
				.findFirst()
				.orElseThrow();
			for (JsonNode listed : List.of(select, insert)) {
				MvcResult result = mvc.perform(get("/actuator/slowqueries/" + listed.get("id").asString())).andReturn();
				assertThat(result.getResponse().getStatus()).isEqualTo(200);
				JsonNode detail = body(result);
				assertThat(detail.propertyNames()).containsExactlyElementsOf(listed.propertyNames()).contains("rows");
				assertThat(detail.get("slowestSample").propertyNames())
					.containsExactlyElementsOf(listed.get("slowestSample").propertyNames())
					.contains("parameters");
				assertThat(detail.get("slowestSample").get("parameters").isNull()).isTrue();
				assertThat(detail.get("rows")).isEqualTo(listed.get("rows"));
			}
			assertThat(select.get("rows").isNull()).as("result rows of a select are not counted").isTrue();
			assertThat(insert.get("rows").asLong()).isEqualTo(3);
		});
	}

	@Test
	void whenAQueryParameterIsBadThenBadRequestSayingWhatToSendAndAnUnknownIdIsNotFound() {
		this.contextRunner.run((context) -> {
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
			MvcResult unknownSort = mvc.perform(get("/actuator/slowqueries?sort=slowest")).andReturn();
			assertThat(unknownSort.getResponse().getStatus()).isEqualTo(400);
			assertThat(unknownSort.getResponse().getErrorMessage()).contains("Unknown sort 'slowest'")
				.contains("total, mean, max, p95");
			for (String query : List.of("limit=0", "limit=ten", "startup=sometimes")) {
				assertThat(mvc.perform(get("/actuator/slowqueries?" + query)).andReturn().getResponse().getStatus())
					.as(query)
					.isEqualTo(400);
			}
			assertThat(mvc.perform(get("/actuator/slowqueries?sort=p95&limit=5")).andReturn().getResponse().getStatus())
				.isEqualTo(200);
			assertThat(mvc.perform(get("/actuator/slowqueries/0000000000000000")).andReturn().getResponse().getStatus())
				.isEqualTo(404);
		});
	}

	@Test
	void whenDeletingACacheThenAnUnknownNameIsNotFoundAndAKnownOneIsCleared() {
		this.contextRunner.run((context) -> {
			CategoryService service = context.getBean(CategoryService.class).seed();
			service.categories();
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
			MvcResult unknown = mvc.perform(delete("/actuator/querycache/NoSuch")).andReturn();
			assertThat(unknown.getResponse().getStatus()).isEqualTo(404);
			assertThat(unknown.getResponse().getContentAsString()).contains("NoSuch");
			MvcResult known = mvc.perform(delete("/actuator/querycache/CategoryService.categories")).andReturn();
			assertThat(known.getResponse().getStatus()).isEqualTo(204);
			service.categories();
			assertThat(service.computations()).as("cleared, so computed again").hasValue(2);
			assertThat(mvc.perform(delete("/actuator/querycache")).andReturn().getResponse().getStatus())
				.isEqualTo(204);
		});
	}

	private static JsonNode body(MvcResult result) throws Exception {
		return json.readTree(result.getResponse().getContentAsString());
	}

}
