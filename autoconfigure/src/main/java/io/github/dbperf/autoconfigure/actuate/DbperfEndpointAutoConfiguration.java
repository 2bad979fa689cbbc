package io.github.dbperf.autoconfigure.actuate;

import io.github.dbperf.actuate.DbperfEndpoint;
import io.github.dbperf.actuate.DbperfEndpointWebExtension;
import io.github.dbperf.actuate.DbperfSanitizer;
import io.github.dbperf.actuate.NPlusOneEndpoint;
import io.github.dbperf.actuate.QueryCacheEndpoint;
import io.github.dbperf.actuate.QueryCacheEndpointWebExtension;
import io.github.dbperf.actuate.SlowQueriesEndpoint;
import io.github.dbperf.advisor.DataAccessReport;
import io.github.dbperf.autoconfigure.cache.CacheAutoConfiguration;
import io.github.dbperf.autoconfigure.nplusone.NPlusOneAutoConfiguration;
import io.github.dbperf.autoconfigure.plan.PlanAutoConfiguration;
import io.github.dbperf.autoconfigure.plan.PlanProperties;
import io.github.dbperf.autoconfigure.pool.PoolAutoConfiguration;
import io.github.dbperf.autoconfigure.query.QueryAutoConfiguration;
import io.github.dbperf.autoconfigure.rules.RulesAutoConfiguration;
import io.github.dbperf.autoconfigure.server.ServerStatisticsAutoConfiguration;
import io.github.dbperf.cache.QueryCacheManager;
import io.github.dbperf.nplusone.NPlusOneDetector;
import io.github.dbperf.pool.PoolHistory;
import io.github.dbperf.plan.QueryPlans;
import io.github.dbperf.query.QueryStore;
import io.github.dbperf.query.RepositoryTimer;
import io.github.dbperf.rules.FindingSource;
import io.github.dbperf.rules.RuleSettings;
import io.github.dbperf.server.ServerStatistics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for dbperf's actuator endpoints.
 *
 * @author dbperf
 * @since 0.1.0
 */
@AutoConfiguration(after = { PoolAutoConfiguration.class, QueryAutoConfiguration.class, NPlusOneAutoConfiguration.class,
		CacheAutoConfiguration.class, RulesAutoConfiguration.class, PlanAutoConfiguration.class,
		ServerStatisticsAutoConfiguration.class })
@ConditionalOnClass(Endpoint.class)
@EnableConfigurationProperties(DbperfEndpointProperties.class)
public final class DbperfEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(DataAccessReport.class)
	@ConditionalOnAvailableEndpoint
	DbperfEndpoint dbperfEndpoint(DataAccessReport report, DbperfEndpointProperties properties,
			ObjectProvider<SanitizingFunction> sanitizingFunctions, ObjectProvider<FindingSource> findingSources,
			ObjectProvider<RuleSettings> ruleSettings, ObjectProvider<PoolHistory> history) {
		DbperfSanitizer sanitizer = new DbperfSanitizer(sanitizingFunctions.orderedStream().toList(),
				properties.getAdditionalKeysToSanitize());
		return new DbperfEndpoint(report, findingSources, ruleSettings.getIfAvailable(RuleSettings::defaults),
				sanitizer, properties.getShowValues(), history.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(DbperfEndpoint.class)
	@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
	DbperfEndpointWebExtension dbperfEndpointWebExtension(DbperfEndpoint endpoint,
			DbperfEndpointProperties properties) {
		return new DbperfEndpointWebExtension(endpoint, properties.getShowValues(), properties.getRoles());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(QueryStore.class)
	@ConditionalOnAvailableEndpoint
	SlowQueriesEndpoint slowQueriesEndpoint(QueryStore store, ObjectProvider<RepositoryTimer> repositoryTimer,
			ObjectProvider<ServerStatistics> serverStatistics, ObjectProvider<QueryPlans> plans,
			ObjectProvider<PlanProperties> planProperties) {
		PlanProperties properties = planProperties.getIfAvailable(PlanProperties::new);
		return new SlowQueriesEndpoint(store, repositoryTimer.getIfAvailable(), serverStatistics.getIfAvailable(),
				plans.getIfAvailable(), properties.getRequestWait());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(NPlusOneDetector.class)
	@ConditionalOnAvailableEndpoint
	NPlusOneEndpoint nPlusOneEndpoint(NPlusOneDetector detector) {
		return new NPlusOneEndpoint(detector);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(QueryCacheManager.class)
	@ConditionalOnAvailableEndpoint
	QueryCacheEndpoint queryCacheEndpoint(QueryCacheManager manager) {
		return new QueryCacheEndpoint(manager);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(QueryCacheEndpoint.class)
	@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
	QueryCacheEndpointWebExtension queryCacheEndpointWebExtension(QueryCacheEndpoint endpoint) {
		return new QueryCacheEndpointWebExtension(endpoint);
	}

}
