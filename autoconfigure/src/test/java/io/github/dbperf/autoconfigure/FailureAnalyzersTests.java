package io.github.dbperf.autoconfigure;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;

import io.github.dbperf.cache.InvalidCachedQueryException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Each of dbperf's failure analyzers on its own, given the failure as Spring wraps it.
 */
class FailureAnalyzersTests {

	@Test
	void whenAPropertyCheckFailsThenTheAnalysisNamesThePropertyTheValueAndTheAllowedValues() {
		InvalidDbperfPropertyException invalid = new InvalidDbperfPropertyException("dbperf.queries.max-fingerprints",
				-1, "1 to 1000000");
		FailureAnalysis analysis = new InvalidDbperfPropertyFailureAnalyzer()
			.analyze(new BeanCreationException("queryStore", invalid));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription())
			.isEqualTo("Invalid value '-1' for configuration property 'dbperf.queries.max-fingerprints'.");
		assertThat(analysis.getAction())
			.isEqualTo("Set 'dbperf.queries.max-fingerprints' to an allowed value: 1 to 1000000.");
		assertThat(analysis.getCause()).isSameAs(invalid);
	}

	@Test
	void whenAnotherFailureHappensThenThePropertyAnalyzerStaysSilent() {
		assertThat(new InvalidDbperfPropertyFailureAnalyzer().analyze(new IllegalStateException("boom"))).isNull();
	}

	@Test
	void whenADbperfEnumDoesNotConvertThenTheAnalysisListsItsValuesInPropertyForm() {
		FailureAnalysis analysis = bindingAnalysis("dbperf.test.mode", "sometimes");
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("'sometimes'").contains("'dbperf.test.mode'");
		assertThat(analysis.getAction()).isEqualTo("Set 'dbperf.test.mode' to an allowed value: one of log, fail.");
	}

	@Test
	void whenADbperfDurationDoesNotConvertThenTheAnalysisShowsTheDurationForm() {
		FailureAnalysis analysis = bindingAnalysis("dbperf.test.wait", "soon");
		assertThat(analysis).isNotNull();
		assertThat(analysis.getAction()).endsWith("a duration such as 500ms or 5s.");
	}

	@Test
	void whenADbperfNumberDoesNotConvertThenTheAnalysisAsksForAWholeNumber() {
		FailureAnalysis analysis = bindingAnalysis("dbperf.test.count", "many");
		assertThat(analysis).isNotNull();
		assertThat(analysis.getAction()).endsWith("a whole number.");
	}

	@Test
	void whenAnotherLibrarysPropertyDoesNotConvertThenTheBindingAnalyzerLeavesItToSpringBoot() {
		BindException failure = bindFailure("other", "other.count", "many");
		assertThat(new InvalidDbperfBindingFailureAnalyzer().analyze(failure)).isNull();
	}

	@Test
	void whenACachedQueryIsInvalidThenTheAnalysisNamesTheMethodAndTheFix() throws NoSuchMethodException {
		Method method = FailureAnalyzersTests.class.getDeclaredMethod("cachedQueryMethod");
		Throwable failure = new BeanCreationException("repository",
				new InvalidCachedQueryException(method, "ttl 'soon' is not a duration", "Write it as 30s or 5m"));
		FailureAnalysis analysis = new InvalidCachedQueryFailureAnalyzer().analyze(failure);
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("cachedQueryMethod").contains("ttl 'soon' is not a duration");
		assertThat(analysis.getAction()).isEqualTo("Write it as 30s or 5m");
	}

	private static FailureAnalysis bindingAnalysis(String property, String value) {
		return new InvalidDbperfBindingFailureAnalyzer()
			.analyze(new BeanCreationException("bean", bindFailure("dbperf.test", property, value)));
	}

	private static BindException bindFailure(String prefix, String property, String value) {
		Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(property, value)));
		return catchThrowableOfType(BindException.class, () -> binder.bind(prefix, TestProperties.class));
	}

	void cachedQueryMethod() {
	}

	/**
	 * A stand-in properties bean with one property of each analysed kind.
	 */
	public static class TestProperties {

		private Mode mode = Mode.LOG;

		private Duration wait = Duration.ofSeconds(1);

		private int count;

		public Mode getMode() {
			return this.mode;
		}

		public void setMode(Mode mode) {
			this.mode = mode;
		}

		public Duration getWait() {
			return this.wait;
		}

		public void setWait(Duration wait) {
			this.wait = wait;
		}

		public int getCount() {
			return this.count;
		}

		public void setCount(int count) {
			this.count = count;
		}

	}

	enum Mode {

		LOG, FAIL

	}

}
