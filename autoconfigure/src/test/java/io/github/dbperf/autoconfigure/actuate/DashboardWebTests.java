package io.github.dbperf.autoconfigure.actuate;

import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.autoconfigure.pool.PoolAutoConfiguration;
import io.github.dbperf.autoconfigure.query.QueryAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementContextAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.actuate.web.ServletManagementContextAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.HttpHandlerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Tests for the dashboard served by the {@code dbperf} endpoint on Spring MVC and
 * WebFlux: each file with its content type, 404 for any other name, and nothing when the
 * endpoint is not exposed.
 */
class DashboardWebTests {

	private static final String[] DATABASE = { "spring.datasource.generate-unique-name=true",
			"spring.datasource.url=jdbc:h2:mem:dashboard;DB_CLOSE_DELAY=-1" };

	private static final AutoConfigurations DBPERF = AutoConfigurations.of(DataSourceAutoConfiguration.class,
			DbperfAutoConfiguration.class, JdbcCaptureAutoConfiguration.class, PoolAutoConfiguration.class,
			QueryAutoConfiguration.class, DbperfEndpointAutoConfiguration.class, JacksonAutoConfiguration.class,
			EndpointAutoConfiguration.class, JacksonEndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class,
			ManagementContextAutoConfiguration.class);

	private final WebApplicationContextRunner mvcRunner = new WebApplicationContextRunner().withPropertyValues(DATABASE)
		.withConfiguration(DBPERF)
		.withConfiguration(AutoConfigurations.of(HttpMessageConvertersAutoConfiguration.class,
				DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class,
				ServletManagementContextAutoConfiguration.class));

	private final ReactiveWebApplicationContextRunner webFluxRunner = new ReactiveWebApplicationContextRunner()
		.withPropertyValues(DATABASE)
		.withConfiguration(DBPERF)
		.withConfiguration(AutoConfigurations.of(CodecsAutoConfiguration.class, WebFluxAutoConfiguration.class,
				HttpHandlerAutoConfiguration.class));

	@Test
	void whenDbperfIsExposedOnSpringMvcThenThePageAndItsFilesAreServedWithTheirContentTypes() {
		this.mvcRunner.withPropertyValues("management.endpoints.web.exposure.include=dbperf").run((context) -> {
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
			MockHttpServletResponse page = mvc.perform(get("/actuator/dbperf/ui").accept(MediaType.TEXT_HTML))
				.andReturn()
				.getResponse();
			assertThat(page.getStatus()).isEqualTo(200);
			assertThat(page.getContentType()).startsWith("text/html");
			assertThat(page.getContentAsString()).contains("<title>dbperf</title>", "ui/dashboard.js");
			assertFile(mvc, "dashboard.js", "application/javascript", "../slowqueries");
			assertFile(mvc, "dashboard.css", "text/css", "--focus");
			assertFile(mvc, "uPlot.min.js", "application/javascript", "uPlot");
			assertFile(mvc, "uPlot.min.css", "text/css", ".uplot");
			for (String missing : new String[] { "/actuator/dbperf/ui/index.html", "/actuator/dbperf/ui/ui",
					"/actuator/dbperf/ui/..%2Fdbperf.js", "/actuator/dbperf/dashboard.js", "/actuator/dbperf/other" }) {
				assertThat(mvc.perform(get(missing)).andReturn().getResponse().getStatus()).as(missing).isEqualTo(404);
			}
			MockHttpServletResponse json = mvc.perform(get("/actuator/dbperf")).andReturn().getResponse();
			assertThat(json.getStatus()).isEqualTo(200);
			assertThat(json.getContentAsString()).contains("\"pools\"", "\"history\"");
		});
	}

	@Test
	void whenDbperfIsNotExposedOnSpringMvcThenThePageIsNotFound() {
		this.mvcRunner.withPropertyValues("management.endpoints.web.exposure.include=slowqueries").run((context) -> {
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
			assertThat(mvc.perform(get("/actuator/slowqueries")).andReturn().getResponse().getStatus()).isEqualTo(200);
			assertThat(mvc.perform(get("/actuator/dbperf/ui")).andReturn().getResponse().getStatus()).isEqualTo(404);
			assertThat(mvc.perform(get("/actuator/dbperf/ui/dashboard.js")).andReturn().getResponse().getStatus())
				.isEqualTo(404);
		});
	}

	@Test
	void whenDbperfIsExposedOnWebFluxThenThePageAndItsFilesAreServedWithTheirContentTypes() {
		this.webFluxRunner.withPropertyValues("management.endpoints.web.exposure.include=dbperf").run((context) -> {
			WebTestClient client = WebTestClient.bindToApplicationContext(context).build();
			EntityExchangeResult<String> page = client.get()
				.uri("/actuator/dbperf/ui")
				.accept(MediaType.TEXT_HTML)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.returnResult();
			assertThat(page.getResponseHeaders().getContentType()).hasToString("text/html;charset=UTF-8");
			assertThat(page.getResponseBody()).contains("<title>dbperf</title>");
			assertFile(client, "dashboard.js", "application/javascript", "../slowqueries");
			assertFile(client, "dashboard.css", "text/css", "--focus");
			assertFile(client, "uPlot.min.js", "application/javascript", "uPlot");
			client.get().uri("/actuator/dbperf/ui/index.html").exchange().expectStatus().isNotFound();
			client.get().uri("/actuator/dbperf/other").exchange().expectStatus().isNotFound();
			client.get()
				.uri("/actuator/dbperf")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.value((body) -> assertThat(body).contains("\"pools\"", "\"history\""));
		});
	}

	@Test
	void whenDbperfIsNotExposedOnWebFluxThenThePageIsNotFound() {
		this.webFluxRunner.withPropertyValues("management.endpoints.web.exposure.include=slowqueries")
			.run((context) -> {
				WebTestClient client = WebTestClient.bindToApplicationContext(context).build();
				client.get().uri("/actuator/slowqueries").exchange().expectStatus().isOk();
				client.get().uri("/actuator/dbperf/ui").exchange().expectStatus().isNotFound();
				client.get().uri("/actuator/dbperf/ui/dashboard.js").exchange().expectStatus().isNotFound();
			});
	}

	private static void assertFile(MockMvc mvc, String file, String contentType, String content) throws Exception {
		MockHttpServletResponse response = mvc.perform(get("/actuator/dbperf/ui/" + file).accept(MediaType.ALL))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).as(file).isEqualTo(200);
		assertThat(response.getContentType()).as(file).isEqualTo(contentType + ";charset=UTF-8");
		assertThat(response.getContentAsString()).as(file).contains(content);
	}

	private static void assertFile(WebTestClient client, String file, String contentType, String content) {
		EntityExchangeResult<String> result = client.get()
			.uri("/actuator/dbperf/ui/" + file)
			.accept(MediaType.ALL)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult();
		assertThat(result.getResponseHeaders().getContentType()).as(file).hasToString(contentType + ";charset=UTF-8");
		assertThat(result.getResponseBody()).as(file).contains(content);
	}

}
