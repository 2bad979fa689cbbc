package io.github.dbperf.autoconfigure.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.query.QueryAutoConfiguration;
import io.github.dbperf.jdbc.DbperfDataSource;
import io.github.dbperf.jdbc.StatementEvent;
import io.github.dbperf.jdbc.StatementListener;
import io.github.dbperf.sql.SqlFingerprinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JdbcCaptureAutoConfiguration}: the capture settings under
 * {@code dbperf.jdbc}, and their deprecated names under {@code dbperf.queries}.
 */
class JdbcCaptureAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues("spring.datasource.generate-unique-name=true")
		.withUserConfiguration(RecordingListener.class)
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				DbperfAutoConfiguration.class, JdbcCaptureAutoConfiguration.class, QueryAutoConfiguration.class));

	@Test
	void whenNothingIsSetThenTheDataSourceIsWrappedAndParametersAreNotCaptured() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean("dataSource")).isInstanceOf(DbperfDataSource.class);
			assertThat(capturedParameters(context)).isNull();
			assertThat(context.getBean(SqlFingerprinter.class)).extracting("cacheBytes")
				.isEqualTo(SqlFingerprinter.DEFAULT_CACHE_BYTES);
		});
	}

	@ParameterizedTest
	@CsvSource({ "dbperf.jdbc.capture-parameters=true, , true", "dbperf.queries.capture-parameters=true, , true",
			"dbperf.jdbc.capture-parameters=false, dbperf.queries.capture-parameters=true, false",
			"dbperf.jdbc.capture-parameters=true, dbperf.queries.capture-parameters=false, true" })
	void whenParameterCaptureIsSetUnderEitherNameThenTheNewNameWins(String first, String second, boolean captured) {
		this.contextRunner.withPropertyValues(first, (second != null) ? second : "unrelated=1").run((context) -> {
			List<List<Object>> parameters = capturedParameters(context);
			if (captured) {
				assertThat(parameters).containsExactly(List.of("visible-value"));
			}
			else {
				assertThat(parameters).isNull();
			}
		});
	}

	@ParameterizedTest
	@CsvSource({ "dbperf.jdbc.fingerprint-cache-max-size=2MB, , 2097152",
			"dbperf.queries.fingerprint-cache-max-size=3MB, , 3145728",
			"dbperf.jdbc.fingerprint-cache-max-size=2MB, dbperf.queries.fingerprint-cache-max-size=3MB, 2097152" })
	void whenTheFingerprintCacheSizeIsSetUnderEitherNameThenTheNewNameWins(String first, String second, long bytes) {
		this.contextRunner.withPropertyValues(first, (second != null) ? second : "unrelated=1")
			.run((context) -> assertThat(context.getBean(SqlFingerprinter.class)).extracting("cacheBytes")
				.isEqualTo(bytes));
	}

	@ParameterizedTest
	@CsvSource({ "dbperf.jdbc.fingerprint-cache-max-size", "dbperf.queries.fingerprint-cache-max-size" })
	void whenTheFingerprintCacheIsSmallerThan1KbThenStartupFailsNamingTheProperty(String property) {
		this.contextRunner.withPropertyValues(property + "=100B")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining(property));
	}

	@Test
	void whenTheQueryAutoConfigurationIsAbsentThenTheDeprecatedNameStillApplies() {
		new ApplicationContextRunner().withPropertyValues("spring.datasource.generate-unique-name=true")
			.withPropertyValues("dbperf.queries.capture-parameters=true")
			.withUserConfiguration(RecordingListener.class)
			.withConfiguration(
					AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
							DbperfAutoConfiguration.class, JdbcCaptureAutoConfiguration.class))
			.run((context) -> assertThat(capturedParameters(context)).containsExactly(List.of("visible-value")));
	}

	@ParameterizedTest
	@CsvSource({ "dbperf.queries.capture-parameters, dbperf.jdbc.capture-parameters",
			"dbperf.queries.fingerprint-cache-max-size, dbperf.jdbc.fingerprint-cache-max-size" })
	void whenAnIdeReadsTheMetadataThenTheOldNameIsDeprecatedInFavourOfTheNewOne(String old, String replacement)
			throws IOException {
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			JsonNode properties = JsonMapper.shared().readTree(in).path("properties");
			assertThat(properties.valueStream().filter((property) -> property.path("name").asString().equals(old)))
				.singleElement()
				.satisfies((property) -> {
					assertThat(property.path("deprecated").asBoolean()).isTrue();
					assertThat(property.path("deprecation").path("replacement").asString()).isEqualTo(replacement);
				});
			assertThat(properties.valueStream()
				.filter((property) -> property.path("name").asString().equals(replacement))
				.filter((property) -> property.has("defaultValue"))).hasSize(1);
		}
	}

	private static List<List<Object>> capturedParameters(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		RecordingListener listener = context.getBean(RecordingListener.class);
		listener.events.clear();
		context.getBean(JdbcTemplate.class)
			.queryForObject("select cast(? as varchar) as v", String.class, "visible-value");
		return listener.events.stream()
			.filter((event) -> event.sql().contains("as v"))
			.findFirst()
			.orElseThrow()
			.parameters();
	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingListener {

		final List<StatementEvent> events = new CopyOnWriteArrayList<>();

		@Bean
		StatementListener recordingStatementListener() {
			return this.events::add;
		}

	}

}
