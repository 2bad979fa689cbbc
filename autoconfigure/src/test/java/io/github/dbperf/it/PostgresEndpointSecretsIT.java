package io.github.dbperf.it;

import io.github.dbperf.actuate.DbperfEndpoint;
import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.actuate.DbperfEndpointAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.autoconfigure.pool.PoolAutoConfiguration;
import io.github.dbperf.autoconfigure.query.QueryAutoConfiguration;
import io.github.dbperf.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementContextAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.actuate.web.ServletManagementContextAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The {@code dbperf} endpoint on a real PostgreSQL keeps driver secrets to itself.
 */
class PostgresEndpointSecretsIT {

	private static final String DATABASE = TestPostgres.newDatabase("secrets");

	private static final String SECRET = "Key-Secret-99";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues(TestPostgres.properties(DATABASE))
		.withPropertyValues("dbperf.application-packages=io.github.dbperf.it",
				"management.endpoints.web.exposure.include=dbperf",
				"spring.datasource.hikari.data-source-properties.sslpassword=" + SECRET)
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, DbperfAutoConfiguration.class,
				JdbcCaptureAutoConfiguration.class, QueryAutoConfiguration.class, PoolAutoConfiguration.class,
				DbperfEndpointAutoConfiguration.class));

	private final WebApplicationContextRunner webContextRunner = new WebApplicationContextRunner()
		.withPropertyValues(TestPostgres.properties(DATABASE))
		.withPropertyValues("dbperf.application-packages=io.github.dbperf.it",
				"management.endpoints.web.exposure.include=dbperf",
				"spring.datasource.hikari.data-source-properties.sslpassword=" + SECRET)
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, DbperfAutoConfiguration.class,
				JdbcCaptureAutoConfiguration.class, QueryAutoConfiguration.class, PoolAutoConfiguration.class,
				DbperfEndpointAutoConfiguration.class, JacksonAutoConfiguration.class,
				HttpMessageConvertersAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
				WebMvcAutoConfiguration.class, EndpointAutoConfiguration.class, JacksonEndpointAutoConfiguration.class,
				WebEndpointAutoConfiguration.class, ManagementContextAutoConfiguration.class,
				ServletManagementContextAutoConfiguration.class));

	@Test
	void whenTheDriverHasAnSslPasswordThenTheEndpointNeverShowsIt() {
		this.contextRunner.run((context) -> {
			DbperfEndpoint endpoint = context.getBean(DbperfEndpoint.class);
			String json = JsonMapper.builder().build().writeValueAsString(endpoint.dbperf());
			assertThat(json).contains("\"product\":\"PostgreSQL\"")
				.contains("{\"name\":\"dataSourceProperties.sslpassword\",\"value\":\"******\"")
				.doesNotContain(SECRET);
		});
	}

	@Test
	void whenShowValuesIsWhenAuthorizedThenOnlyAnAuthenticatedWebRequestSeesTheSslPassword() {
		this.webContextRunner.withPropertyValues("management.endpoint.dbperf.show-values=when-authorized")
			.run((context) -> {
				MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
				String anonymous = mvc.perform(get("/actuator/dbperf")).andReturn().getResponse().getContentAsString();
				assertThat(anonymous).contains("\"product\":\"PostgreSQL\"")
					.contains("{\"name\":\"dataSourceProperties.sslpassword\",\"value\":\"******\"")
					.doesNotContain(SECRET);
				String authenticated = mvc.perform(get("/actuator/dbperf").principal(() -> "alice"))
					.andReturn()
					.getResponse()
					.getContentAsString();
				assertThat(authenticated)
					.contains("{\"name\":\"dataSourceProperties.sslpassword\",\"value\":\"" + SECRET + "\"");
			});
	}

}
