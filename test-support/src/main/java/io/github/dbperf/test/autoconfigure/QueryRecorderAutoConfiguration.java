package io.github.dbperf.test.autoconfigure;

import io.github.dbperf.autoconfigure.nplusone.NPlusOneAutoConfiguration;
import io.github.dbperf.jdbc.StatementListener;
import io.github.dbperf.nplusone.NPlusOneDetector;
import io.github.dbperf.rules.RuleSettings;
import io.github.dbperf.test.QueryRecorder;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that passes every captured statement to the running
 * {@link QueryRecorder QueryRecorders} and lets them judge N+1 queries and the rules of
 * dbperf's catalogue with the application's detector and rule settings.
 *
 * @author dbperf
 * @since 0.1.0
 */
@AutoConfiguration(after = NPlusOneAutoConfiguration.class)
public final class QueryRecorderAutoConfiguration {

	@Bean
	StatementListener dbperfQueryRecorderListener() {
		return QueryRecorder::onStatement;
	}

	@Bean
	RecorderDetectorInstaller dbperfQueryRecorderDetector(ObjectProvider<NPlusOneDetector> detector,
			ObjectProvider<RuleSettings> ruleSettings) {
		return new RecorderDetectorInstaller(detector.getIfAvailable(), ruleSettings.getIfAvailable());
	}

	/**
	 * Installs the detector for recorders while the context runs.
	 */
	static final class RecorderDetectorInstaller implements DisposableBean {

		RecorderDetectorInstaller(@Nullable NPlusOneDetector detector, @Nullable RuleSettings ruleSettings) {
			QueryRecorder.install(detector);
			QueryRecorder.installRuleSettings(ruleSettings);
		}

		@Override
		public void destroy() {
			QueryRecorder.install(null);
			QueryRecorder.installRuleSettings(null);
		}

	}

}
