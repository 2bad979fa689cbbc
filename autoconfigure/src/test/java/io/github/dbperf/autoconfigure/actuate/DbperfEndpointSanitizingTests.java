package io.github.dbperf.autoconfigure.actuate;

import java.security.Principal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.dbperf.actuate.DbperfEndpoint;
import io.github.dbperf.actuate.DbperfEndpoint.DbperfDescriptor;
import io.github.dbperf.actuate.DbperfEndpointWebExtension;
import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.autoconfigure.pool.PoolAutoConfiguration;
import io.github.dbperf.pool.PoolSetting;
import io.github.dbperf.testing.Startup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the secrets the {@code dbperf} endpoint masks.
 */
@ExtendWith(OutputCaptureExtension.class)
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

	@Test
	void whenShowValuesIsAlwaysThenSecretsAreShown() {
		this.contextRunner
			.withPropertyValues(PREFIX + "sslpassword=" + SECRET,
					PREFIX + "url=jdbc:postgresql://db.example/app?password=" + SECRET,
					"management.endpoint.dbperf.show-values=always")
			.run((context) -> assertThat(settings(context)).containsEntry("dataSourceProperties.sslpassword", SECRET)
				.containsEntry("dataSourceProperties.url", "jdbc:postgresql://db.example/app?password=" + SECRET));
	}

	@Test
	void whenShowValuesIsNeverThenEvenAnAuthorizedUserSeesMaskedSecrets() {
		this.contextRunner.withPropertyValues(PREFIX + "sslpassword=" + SECRET).run((context) -> {
			DbperfDescriptor descriptor = context.getBean(DbperfEndpointWebExtension.class)
				.dbperf(new User("alice", "ADMIN"));
			assertThat(settings(descriptor)).containsEntry("dataSourceProperties.sslpassword", MASK);
		});
	}

	@Test
	void whenShowValuesIsWhenAuthorizedAndTheRequestIsAnonymousThenSecretsAreMasked() {
		this.contextRunner
			.withPropertyValues(PREFIX + "sslpassword=" + SECRET,
					"management.endpoint.dbperf.show-values=when-authorized")
			.run((context) -> {
				DbperfDescriptor descriptor = context.getBean(DbperfEndpointWebExtension.class)
					.dbperf(SecurityContext.NONE);
				assertThat(settings(descriptor)).containsEntry("dataSourceProperties.sslpassword", MASK);
			});
	}

	@Test
	void whenShowValuesIsWhenAuthorizedAndTheUserIsAuthenticatedThenSecretsAreShown() {
		this.contextRunner
			.withPropertyValues(PREFIX + "sslpassword=" + SECRET,
					"management.endpoint.dbperf.show-values=when-authorized")
			.run((context) -> {
				DbperfDescriptor descriptor = context.getBean(DbperfEndpointWebExtension.class)
					.dbperf(new User("alice"));
				assertThat(settings(descriptor)).containsEntry("dataSourceProperties.sslpassword", SECRET);
			});
	}

	@Test
	void whenShowValuesIsWhenAuthorizedOutsideTheWebThenSecretsAreShownAsSpringBootDoes() {
		this.contextRunner
			.withPropertyValues(PREFIX + "sslpassword=" + SECRET,
					"management.endpoint.dbperf.show-values=when-authorized")
			.run((context) -> assertThat(settings(context)).containsEntry("dataSourceProperties.sslpassword", SECRET));
	}

	@Test
	void whenShowValuesIsWhenAuthorizedWithRolesThenOnlyAUserInARoleSeesSecrets() {
		this.contextRunner.withPropertyValues(PREFIX + "sslpassword=" + SECRET,
				"management.endpoint.dbperf.show-values=when-authorized", "management.endpoint.dbperf.roles=DBA,OPS")
			.run((context) -> {
				DbperfEndpointWebExtension extension = context.getBean(DbperfEndpointWebExtension.class);
				assertThat(settings(extension.dbperf(new User("alice", "OPS"))))
					.containsEntry("dataSourceProperties.sslpassword", SECRET);
				assertThat(settings(extension.dbperf(new User("bob", "USER"))))
					.containsEntry("dataSourceProperties.sslpassword", MASK);
			});
	}

	@Test
	void whenTheApplicationHasASanitizingFunctionThenItAppliesEvenWhenValuesAreShown() {
		this.contextRunner
			.withPropertyValues(PREFIX + "applicationName=" + SECRET, PREFIX + "sslpassword=" + SECRET,
					"management.endpoint.dbperf.show-values=always")
			.withBean(SanitizingFunction.class,
					() -> SanitizingFunction.of((data) -> data.withValue("[hidden]")).ifKeyEndsWith("applicationName"))
			.run((context) -> assertThat(settings(context))
				.containsEntry("dataSourceProperties.applicationName", "[hidden]")
				.containsEntry("dataSourceProperties.sslpassword", SECRET));
	}

	@Test
	void whenTheApplicationHasASanitizingFunctionThenItAppliesBeforeTheDefaults() {
		this.contextRunner.withPropertyValues(PREFIX + "applicationName=" + SECRET, PREFIX + "sslpassword=" + SECRET)
			.withBean(SanitizingFunction.class,
					() -> SanitizingFunction.of((data) -> data.withValue("[hidden]")).ifKeyEndsWith("applicationName"))
			.run((context) -> assertThat(settings(context))
				.containsEntry("dataSourceProperties.applicationName", "[hidden]")
				.containsEntry("dataSourceProperties.sslpassword", MASK));
	}

	@Test
	void whenEndpointIsNotExposedOnTheWebThenNoWebExtension() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=health", "spring.jmx.enabled=true",
					"management.endpoints.jmx.exposure.include=dbperf")
			.run((context) -> assertThat(context).hasSingleBean(DbperfEndpoint.class)
				.doesNotHaveBean(DbperfEndpointWebExtension.class));
	}

	@Test
	void whenAnAdditionalKeyIsAnInvalidRegularExpressionThenStartupFailsNamingTheProperty(CapturedOutput output) {
		assertThatExceptionOfType(Exception.class)
			.isThrownBy(() -> run("management.endpoint.dbperf.additional-keys-to-sanitize=^cert("));
		assertThat(output).contains(
				"Invalid value '^cert(' for configuration property 'management.endpoint.dbperf.additional-keys-to-sanitize'")
			.contains("regular expressions");
	}

	@Test
	void whenShowValuesIsUnknownThenStartupFailsListingTheValues(CapturedOutput output) {
		assertThatExceptionOfType(Exception.class)
			.isThrownBy(() -> run("management.endpoint.dbperf.show-values=sometimes"));
		assertThat(output).contains("management.endpoint.dbperf.show-values")
			.contains("ALWAYS")
			.contains("NEVER")
			.contains("WHEN_AUTHORIZED");
	}

	private static void run(String property) {
		Startup.run(new Class<?>[] { FailingApplication.class }, property);
	}

	private void assertMasked(String property) {
		this.contextRunner.withPropertyValues(PREFIX + property + "=" + SECRET).run((context) -> {
			assertThat(settings(context)).containsEntry("dataSourceProperties." + property, MASK);
			assertThat(json(context)).doesNotContain(SECRET);
		});
	}

	private static Map<String, String> settings(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		return settings(context.getBean(DbperfEndpoint.class).dbperf());
	}

	private static Map<String, String> settings(DbperfDescriptor descriptor) {
		Map<String, String> settings = new LinkedHashMap<>();
		for (PoolSetting setting : descriptor.pools().get(0).settings()) {
			settings.put(setting.name(), setting.value());
		}
		return settings;
	}

	private static String json(AssertableApplicationContext context) {
		return JsonMapper.builder().build().writeValueAsString(context.getBean(DbperfEndpoint.class).dbperf());
	}

	record User(String name, String... roles) implements SecurityContext, Principal {

		@Override
		public String getName() {
			return this.name;
		}

		@Override
		public Principal getPrincipal() {
			return this;
		}

		@Override
		public boolean isUserInRole(String role) {
			return Arrays.asList(this.roles).contains(role);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, DbperfAutoConfiguration.class,
			JdbcCaptureAutoConfiguration.class, PoolAutoConfiguration.class, DbperfEndpointAutoConfiguration.class })
	static class FailingApplication {

	}

}
