package io.github.dbperf.autoconfigure.query;

import io.github.dbperf.autoconfigure.AutoProxyCreatorRegistrar;
import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.context.ApplicationFrames;
import io.github.dbperf.context.StartupPhase;
import io.github.dbperf.query.QueryStore;
import io.github.dbperf.query.RepositoryTimer;
import io.github.dbperf.query.SlowQueryHook;
import io.github.dbperf.query.SlowQueryLog;
import io.github.dbperf.query.SqlFindings;
import io.github.dbperf.rules.RuleSettings;
import io.github.dbperf.query.StatementMetrics;
import io.github.dbperf.query.TopFingerprintMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the query store, the slow-query log, statement metrics and the
 * repository timer: the consumers of captured statements.
 *
 * @author dbperf
 * @since 0.1.0
 */
@AutoConfiguration(after = DbperfAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "dbperf.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "dbperf.jdbc.enabled", matchIfMissing = true)
@EnableConfigurationProperties(QueryProperties.class)
public final class QueryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SqlFindings dbperfSqlFindings(QueryStore store, ObjectProvider<RuleSettings> ruleSettings) {
		RuleSettings settings = ruleSettings.getIfAvailable(RuleSettings::defaults);
		return new SqlFindings(store, settings::isEnabled);
	}

	@Bean
	@ConditionalOnMissingBean
	QueryStore dbperfQueryStore(QueryProperties properties, ApplicationFrames applicationFrames) {
		return new QueryStore(properties.getMaxFingerprints(), properties.getSlowThreshold(),
				properties.getMaxSqlLength(), applicationFrames);
	}

	@Bean
	@ConditionalOnMissingBean
	SlowQueryLog dbperfSlowQueryLog(QueryProperties properties, ApplicationFrames applicationFrames,
			ObjectProvider<StartupPhase> startupPhase, ObjectProvider<SlowQueryHook> hook) {
		SlowQueryLog log = new SlowQueryLog(properties.getSlowThreshold(), properties.getSlowLogInterval(),
				applicationFrames, properties.getMaxSqlLength(), properties.isSlowLogDdl(),
				properties.isSlowLogStartup(), hook.getIfAvailable(() -> SlowQueryHook.NONE));
		startupPhase.ifAvailable((phase) -> phase.whenEnded(log::startupEnded));
		return log;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		StatementMetrics dbperfStatementMetrics(QueryProperties properties, ObjectProvider<MeterRegistry> registry) {
			return new StatementMetrics(registry, properties.getSlowThreshold(), properties.getMaxRepositoryTags());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ MeterRegistry.class, MeterBinder.class })
	@ConditionalOnBooleanProperty(name = "dbperf.queries.metrics.enabled", matchIfMissing = true)
	static class TopFingerprintMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TopFingerprintMetrics dbperfTopFingerprintMetrics(QueryStore store, QueryProperties properties) {
			QueryProperties.Metrics metrics = properties.getMetrics();
			return new TopFingerprintMetrics(store, metrics.getTopN(), metrics.getRefreshInterval());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "dbperf.queries.repository-timer", matchIfMissing = true)
	@Import(AutoProxyCreatorRegistrar.class)
	static class RepositoryTimerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RepositoryTimer dbperfRepositoryTimer(QueryProperties properties) {
			return new RepositoryTimer(properties.getMaxRepositoryMethods());
		}

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static RepositoryTimerAdvisor dbperfRepositoryTimerAdvisor(ObjectProvider<RepositoryTimer> timer) {
			return new RepositoryTimerAdvisor(timer);
		}

	}

}
