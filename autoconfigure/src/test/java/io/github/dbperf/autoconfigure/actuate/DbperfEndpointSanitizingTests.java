package io.github.dbperf.autoconfigure.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.dbperf.actuate.DbperfEndpoint;
import io.github.dbperf.actuate.DbperfEndpoint.DbperfDescriptor;
import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.autoconfigure.pool.PoolAutoConfiguration;
import io.github.dbperf.pool.PoolSetting;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the secrets the {@code dbperf} endpoint masks.
 */
class DbperfEndpointSanitizingTests {

	private static final String SECRET = "Key-Secret-99";

	private static final String MASK = "******";

	private static final String PREFIX = "spring.datasource.hikari.data-source-properties.";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:sanitizing;DB_CLOSE_DELAY=-1",
				"spring.datasource.generate-unique-name=true", "management.endpoints.web.exposure.include=dbperf")
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, DbperfAutoConfiguration.class,
				JdbcCaptureAutoConfiguration.class, PoolAutoConfiguration.class,
				DbperfEndpointAutoConfiguration.class));

	@Test
	void whenADriverPropertyEndsWithPasswordThenItIsMasked() {
		assertMasked("sslpassword");
	}

	@Test
	void whenADriverPropertyEndsWithSecretThenItIsMasked() {
		assertMasked("clientSecret");
	}

	@Test
	void whenADriverPropertyEndsWithKeyThenItIsMasked() {
		assertMasked("sslkey");
	}

	@Test
	void whenADriverPropertyEndsWithTokenThenItIsMasked() {
		assertMasked("accessToken");
	}

	@Test
	void whenADriverPropertyContainsCredentialsThenItIsMasked() {
		assertMasked("awsCredentialsFile");
	}

	@Test
	void whenADriverPropertyIsAnAdditionalKeyThenItIsMasked() {
		this.contextRunner
			.withPropertyValues(PREFIX + "sslcert=" + SECRET, PREFIX + "tenantName=" + SECRET,
					PREFIX + "applicationName=visible",
					"management.endpoint.dbperf.additional-keys-to-sanitize=sslcert,^.*tenant.*$")
			.run((context) -> {
				Map<String, String> settings = settings(context);
				assertThat(settings).containsEntry("dataSourceProperties.sslcert", MASK)
					.containsEntry("dataSourceProperties.tenantName", MASK)
					.containsEntry("dataSourceProperties.applicationName", "visible");
				assertThat(json(context)).doesNotContain(SECRET);
			});
	}

	@Test
	void whenAUrlDriverPropertyHoldsUserInfoThenOnlyThePasswordIsMasked() {
		this.contextRunner.withPropertyValues(PREFIX + "url=jdbc:mysql://bob:" + SECRET + "@db.example:3306/app")
			.run((context) -> {
				assertThat(settings(context)).containsEntry("dataSourceProperties.url",
						"jdbc:mysql://bob:" + MASK + "@db.example:3306/app");
				assertThat(json(context)).doesNotContain(SECRET);
			});
	}

	@Test
	void whenAUrlDriverPropertyHoldsAPasswordParameterThenOnlyThePasswordIsMasked() {
		this.contextRunner
			.withPropertyValues(
					PREFIX + "url=jdbc:postgresql://db.example/app?user=bob&password=" + SECRET + "&ssl=true")
			.run((context) -> {
				assertThat(settings(context)).containsEntry("dataSourceProperties.url",
						"jdbc:postgresql://db.example/app?user=bob&password=" + MASK + "&ssl=true");
				assertThat(json(context)).doesNotContain(SECRET);
			});
	}

	@Test
	void whenTheJdbcUrlHoldsAPasswordThenTheSettingAndTheDatabaseErrorMaskIt() {
		this.contextRunner
			.withPropertyValues("spring.datasource.driver-class-name=org.h2.Driver",
					"spring.datasource.url=jdbc:mysql://bob:" + SECRET + "@localhost:1/app")
			.run((context) -> {
				assertThat(settings(context)).containsEntry("jdbcUrl", "jdbc:mysql://bob:" + MASK + "@localhost:1/app");
				DbperfDescriptor descriptor = context.getBean(DbperfEndpoint.class).dbperf();
				assertThat(descriptor.pools().get(0).database().error()).contains("jdbc:mysql://bob:" + MASK + "@");
				assertThat(json(context)).doesNotContain(SECRET);
			});
	}

	@Test
	void whenSettingsHoldNoSecretThenTheyAreShownAsTheyAre() {
		this.contextRunner.withPropertyValues(PREFIX + "applicationName=orders").run((context) -> {
			Map<String, String> settings = settings(context);
			assertThat(settings).containsEntry("dataSourceProperties.applicationName", "orders")
				.containsEntry("poolName", "dataSource")
				.containsEntry("connectionTimeout", "5s")
				.containsEntry("jdbcUrl", "jdbc:h2:mem:sanitizing;DB_CLOSE_DELAY=-1");
		});
	}

	private void assertMasked(String property) {
		this.contextRunner.withPropertyValues(PREFIX + property + "=" + SECRET).run((context) -> {
			assertThat(settings(context)).containsEntry("dataSourceProperties." + property, MASK);
			assertThat(json(context)).doesNotContain(SECRET);
		});
	}

	private static Map<String, String> settings(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		Map<String, String> settings = new LinkedHashMap<>();
		for (PoolSetting setting : context.getBean(DbperfEndpoint.class).dbperf().pools().get(0).settings()) {
			settings.put(setting.name(), setting.value());
		}
		return settings;
	}

	private static String json(AssertableApplicationContext context) {
		return JsonMapper.builder().build().writeValueAsString(context.getBean(DbperfEndpoint.class).dbperf());
	}

}
