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

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code dbperf} endpoint on a real PostgreSQL keeps driver secrets to itself.
 */
class PostgresEndpointSecretsIntegrationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues(TestPostgres.properties(TestPostgres.newDatabase("secrets")))
		.withPropertyValues("dbperf.application-packages=io.github.dbperf.it",
				"management.endpoints.web.exposure.include=dbperf")
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, DbperfAutoConfiguration.class,
				JdbcCaptureAutoConfiguration.class, QueryAutoConfiguration.class, PoolAutoConfiguration.class,
				DbperfEndpointAutoConfiguration.class));

	@Test
	void whenTheDriverHasAnSslPasswordThenTheEndpointNeverShowsIt() {
		this.contextRunner
			.withPropertyValues("spring.datasource.hikari.data-source-properties.sslpassword=Key-Secret-99")
			.run((context) -> {
				DbperfEndpoint endpoint = context.getBean(DbperfEndpoint.class);
				String json = JsonMapper.builder().build().writeValueAsString(endpoint.dbperf());
				assertThat(json).contains("\"product\":\"PostgreSQL\"")
					.contains("dataSourceProperties.sslpassword")
					.contains("******")
					.doesNotContain("Key-Secret-99");
			});
	}

}
