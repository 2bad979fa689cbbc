package io.github.dbperf.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;

import io.github.dbperf.autoconfigure.cache.CacheAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.autoconfigure.nplusone.NPlusOneAutoConfiguration;
import io.github.dbperf.autoconfigure.plan.PlanAutoConfiguration;
import io.github.dbperf.autoconfigure.pool.PoolAutoConfiguration;
import io.github.dbperf.autoconfigure.query.QueryAutoConfiguration;
import io.github.dbperf.autoconfigure.server.ServerStatisticsAutoConfiguration;
import io.github.dbperf.cache.CachedQuery;
import io.github.dbperf.testing.Startup;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Startup failures for bad {@code dbperf.*} values, analyzed by every failure analyzer
 * registered in {@code spring.factories}, in order, as Spring Boot does.
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidPropertyFailureAnalysisTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues("spring.datasource.generate-unique-name=true")
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, DbperfAutoConfiguration.class,
				JdbcCaptureAutoConfiguration.class, QueryAutoConfiguration.class, PoolAutoConfiguration.class,
				NPlusOneAutoConfiguration.class, CacheAutoConfiguration.class, ServerStatisticsAutoConfiguration.class,
				PlanAutoConfiguration.class));

	@Test
	void whenSlowThresholdIs300000DaysThenStartupFailsNamingTheAllowedRange() {
		assertThat(analysisOf("dbperf.queries.slow-threshold=300000d")).satisfies((analysis) -> {
			assertThat(analysis.getDescription())
				.isEqualTo("Invalid value '300000d' for configuration property 'dbperf.queries.slow-threshold'.");
			assertThat(analysis.getAction()).isEqualTo("Set 'dbperf.queries.slow-threshold' to an allowed value: "
					+ "a positive duration of at most 1d, such as 500ms or 5s.");
		});
	}

	@Test
	void whenADurationOverflowsWhileBindingThenStartupFailsNamingTheAllowedRange() {
		assertThat(analysisOf("dbperf.queries.slow-threshold=999999999999999d")).satisfies((analysis) -> {
			assertThat(analysis.getDescription()).isEqualTo(
					"Invalid value '999999999999999d' for configuration property 'dbperf.queries.slow-threshold'.");
			assertThat(analysis.getAction()).isEqualTo("Set 'dbperf.queries.slow-threshold' to an allowed value: "
					+ "a positive duration of at most 1d, such as 500ms or 5s.");
		});
	}

	@Test
	void whenADurationDoesNotParseThenStartupFailsNamingTheAllowedRange() {
		assertThat(analysisOf("dbperf.pool.tuning.keepalive-time=soon")).satisfies((analysis) -> {
			assertThat(analysis.getDescription())
				.isEqualTo("Invalid value 'soon' for configuration property 'dbperf.pool.tuning.keepalive-time'.");
			assertThat(analysis.getAction()).isEqualTo("Set 'dbperf.pool.tuning.keepalive-time' to an allowed value: "
					+ "0 (off) or a duration of at least 30s and at most 1d.");
		});
	}

	@ParameterizedTest
	@MethodSource("durationProperties")
	void whenAnyDurationIs300000DaysThenStartupFailsNamingItsUpperBound(String property) {
		assertThat(analysisOf(property + "=300000d")).satisfies((analysis) -> {
			assertThat(analysis.getDescription())
				.isEqualTo("Invalid value '300000d' for configuration property '" + property + "'.");
			assertThat(analysis.getAction()).startsWith("Set '" + property + "' to an allowed value: ")
				.containsPattern("at most \\d+[a-z]+");
		});
	}

	@ParameterizedTest
	@MethodSource("durationProperties")
	void everyDurationPropertyDocumentsItsUpperBound(String property) throws IOException {
		assertThat(metadata(property).path("description").asString()).containsPattern("At most \\d+[a-z]+\\.");
	}

	@Test
	void whenNPlusOneModeIsUnknownThenStartupFailsListingTheModesAsWritten() {
		assertThat(analysisOf("dbperf.nplusone.mode=loud")).satisfies((analysis) -> {
			assertThat(analysis.getDescription())
				.isEqualTo("Invalid value 'loud' for configuration property 'dbperf.nplusone.mode'.");
			assertThat(analysis.getAction())
				.isEqualTo("Set 'dbperf.nplusone.mode' to an allowed value: one of log, exception, off.");
		});
	}

	@Test
	void whenCacheTypeIsUnknownThenStartupFailsListingTheTypesAsWritten() {
		assertThat(analysisOf("dbperf.cache.type=memcached")).satisfies((analysis) -> {
			assertThat(analysis.getDescription())
				.isEqualTo("Invalid value 'memcached' for configuration property 'dbperf.cache.type'.");
			assertThat(analysis.getAction())
				.isEqualTo("Set 'dbperf.cache.type' to an allowed value: one of auto, caffeine, redis, two-level.");
		});
	}

	@ParameterizedTest
	@CsvSource({ "dbperf.nplusone.threshold, many, a whole number",
			"dbperf.queries.capture-parameters, maybe, true or false",
			"dbperf.cache.early-refresh-beta, high, a number" })
	void whenAValueDoesNotConvertThenStartupFailsInTheSameFormat(String property, String value, String allowed) {
		assertThat(analysisOf(property + "=" + value)).satisfies((analysis) -> {
			assertThat(analysis.getDescription())
				.isEqualTo("Invalid value '" + value + "' for configuration property '" + property + "'.");
			assertThat(analysis.getAction()).isEqualTo("Set '" + property + "' to an allowed value: " + allowed + ".");
		});
	}

	@Test
	void whenAnEnumIsUnknownThenTheApplicationReportsDbperfsAnalysis(CapturedOutput output) {
		assertThatExceptionOfType(Exception.class)
			.isThrownBy(() -> Startup.run(new Class<?>[] { FailingApplication.class }, "dbperf.cache.type=memcached"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value 'memcached' for configuration property 'dbperf.cache.type'.")
			.contains("one of auto, caffeine, redis, two-level.")
			.doesNotContain("TWO_LEVEL");
	}

	@Test
	void whenADurationOverflowsThenTheApplicationReportsDbperfsAnalysis(CapturedOutput output) {
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> Startup
			.run(new Class<?>[] { FailingApplication.class }, "dbperf.nplusone.log-interval=999999999999999d"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value '999999999999999d' for configuration property 'dbperf.nplusone.log-interval'.")
			.contains("0 (off) or a duration of at least 1ms and at most 1d.");
	}

	@Test
	void whenACachedQueryTtlIsLongerThanAYearThenStartupFailsNamingTheMethod() {
		this.contextRunner.withUserConfiguration(LongTtl.class).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription())
				.isEqualTo("Invalid @CachedQuery on LongTtl.find(long): ttl '9999999999999d' is longer than 365d.");
			assertThat(analysis.getAction()).isEqualTo("Set ttl to a positive duration of at most 365d.");
		});
	}

	static Stream<String> durationProperties() throws IOException {
		return metadata().path("properties")
			.valueStream()
			.filter((property) -> property.path("type").asString().equals("java.time.Duration"))
			.map((property) -> property.path("name").asString())
			.filter((name) -> name.startsWith("dbperf."));
	}

	private static JsonNode metadata() throws IOException {
		try (InputStream in = InvalidPropertyFailureAnalysisTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			return JsonMapper.shared().readTree(in);
		}
	}

	private static JsonNode metadata(String property) throws IOException {
		return metadata().path("properties")
			.valueStream()
			.filter((candidate) -> candidate.path("name").asString().equals(property))
			.findFirst()
			.orElseThrow();
	}

	private FailureAnalysis analysisOf(String property) {
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		this.contextRunner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			analysis[0] = analyze(context.getStartupFailure());
		});
		assertThat(analysis[0]).as("analysis of %s", property).isNotNull();
		return analysis[0];
	}

	// As Spring Boot's FailureAnalyzers does: analyzers whose classes are missing are
	// skipped, the first analysis wins
	private static FailureAnalysis analyze(Throwable failure) {
		ArgumentResolver arguments = ArgumentResolver.of(BeanFactory.class, new DefaultListableBeanFactory())
			.and(Environment.class, new StandardEnvironment());
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, arguments,
					FailureHandler.logging(LogFactory.getLog(InvalidPropertyFailureAnalysisTests.class)));
		for (FailureAnalyzer analyzer : analyzers) {
			FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null) {
				return analysis;
			}
		}
		return null;
	}

	static class LongTtl {

		// Binds, but its expiry time in milliseconds overflows a long
		@CachedQuery(ttl = "9999999999999d")
		public String find(long id) {
			return "x";
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, DbperfAutoConfiguration.class,
			JdbcCaptureAutoConfiguration.class, QueryAutoConfiguration.class, PoolAutoConfiguration.class,
			NPlusOneAutoConfiguration.class, CacheAutoConfiguration.class, PlanAutoConfiguration.class })
	static class FailingApplication {

	}

}
