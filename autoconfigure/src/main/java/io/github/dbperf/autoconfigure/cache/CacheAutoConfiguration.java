package io.github.dbperf.autoconfigure.cache;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.dbperf.autoconfigure.AutoProxyCreatorRegistrar;
import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.LazyMethodInterceptor;
import io.github.dbperf.cache.CacheTier;
import io.github.dbperf.cache.CachedQuery;
import io.github.dbperf.cache.CachedQueryInterceptor;
import io.github.dbperf.cache.CachedQueryOperations;
import io.github.dbperf.cache.CaffeineCacheTier;
import io.github.dbperf.cache.QueryCacheManager;
import io.github.dbperf.cache.TableInvalidator;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for {@link CachedQuery @CachedQuery}: the tier, invalidation by
 * writes, the advisor, the manager and metrics.
 *
 * @author dbperf
 * @since 0.1.0
 */
@AutoConfiguration(after = DbperfAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass(Caffeine.class)
@ConditionalOnBooleanProperty(name = "dbperf.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "dbperf.cache.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CacheProperties.class)
@Import({ AutoProxyCreatorRegistrar.class, RedisTierConfiguration.class, CaffeineTierConfiguration.class })
public final class CacheAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CachedQueryOperations dbperfCachedQueryOperations(CacheProperties properties) {
		return new CachedQueryOperations(properties.getDefaultTtl());
	}

	@Bean
	@ConditionalOnMissingBean
	TableInvalidator dbperfTableInvalidator(ObjectProvider<CacheTier> tier, CachedQueryOperations operations) {
		return new TableInvalidator(tier::getObject, operations);
	}

	@Bean
	@ConditionalOnMissingBean
	CachedQueryInterceptor dbperfCachedQueryInterceptor(CachedQueryOperations operations, CacheTier tier,
			TableInvalidator invalidator, CacheProperties properties) {
		return new CachedQueryInterceptor(operations, tier, invalidator, properties.getEarlyRefreshBeta());
	}

	@Bean
	@ConditionalOnMissingBean
	QueryCacheManager dbperfQueryCacheManager(CachedQueryOperations operations, CacheTier tier) {
		return new QueryCacheManager(operations, tier);
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static DefaultPointcutAdvisor dbperfCachedQueryAdvisor(ObjectProvider<CachedQueryInterceptor> interceptor) {
		DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(
				new AnnotationMatchingPointcut(null, CachedQuery.class, true), new LazyMethodInterceptor(interceptor));
		// Outside transactions, as Spring's cache interceptor is
		advisor.setOrder(Ordered.LOWEST_PRECEDENCE - 1);
		return advisor;
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static BeanPostProcessor dbperfCachedQueryValidator(ObjectProvider<CachedQueryOperations> operations) {
		return new CachedQueryValidator(operations);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		SmartInitializingSingleton dbperfCacheMetrics(CachedQueryOperations operations, TableInvalidator invalidator,
				ObjectProvider<MeterRegistry> registry) {
			return () -> registry.ifAvailable((meterRegistry) -> {
				FunctionCounter.builder("dbperf.cache.invalidations", invalidator, TableInvalidator::invalidations)
					.description("Committed writes whose invalidation removed at least one cached entry")
					.register(meterRegistry);
				operations.onNewCache((name, statistics) -> CacheMetrics.bind(name, statistics, meterRegistry));
			});
		}

	}

}
