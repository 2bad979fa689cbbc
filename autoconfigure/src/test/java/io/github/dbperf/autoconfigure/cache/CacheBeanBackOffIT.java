package io.github.dbperf.autoconfigure.cache;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.InvalidDbperfPropertyException;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.autoconfigure.query.QueryAutoConfiguration;
import io.github.dbperf.cache.CacheTier;
import io.github.dbperf.cache.CachedQueryInterceptor;
import io.github.dbperf.cache.CachedQueryOperations;
import io.github.dbperf.cache.CaffeineCacheTier;
import io.github.dbperf.cache.InvalidationSubscriber;
import io.github.dbperf.cache.QueryCacheManager;
import io.github.dbperf.cache.RedisCacheTier;
import io.github.dbperf.cache.TableInvalidator;
import io.github.dbperf.cache.TwoLevelCacheTier;
import io.github.dbperf.testing.TestRedis;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the conditions of {@link CacheAutoConfiguration},
 * {@link CaffeineTierConfiguration} and {@link RedisTierConfiguration}: every bean the
 * application defines replaces dbperf's, and every enabling property and library turns
 * its part off.
 */
class CacheBeanBackOffIT {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues("spring.datasource.generate-unique-name=true", "dbperf.cache.redis.key-prefix=back-off:")
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, DbperfAutoConfiguration.class,
				JdbcCaptureAutoConfiguration.class, QueryAutoConfiguration.class, CacheAutoConfiguration.class));

	private final ApplicationContextRunner withRedis = this.contextRunner
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
		.withPropertyValues(TestRedis.properties());

	@Test
	void whenNothingIsDefinedThenEveryCacheBeanIsCreated() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(CachedQueryOperations.class)
			.hasSingleBean(TableInvalidator.class)
			.hasSingleBean(CachedQueryInterceptor.class)
			.hasSingleBean(QueryCacheManager.class)
			.hasSingleBean(CaffeineCacheTier.class)
			.hasBean("dbperfCachedQueryAdvisor")
			.hasBean("dbperfCacheMetrics"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "dbperf.enabled=false", "dbperf.cache.enabled=false" })
	void whenDisabledByPropertyThenNoCacheBeanIsCreated(String property) {
		this.withRedis.withPropertyValues(property).run(this::assertNoCacheBeans);
	}

	@Test
	void whenCaffeineIsMissingThenNoCacheBeanIsCreated() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Caffeine.class)).run(this::assertNoCacheBeans);
	}

	@Test
	void whenMicrometerIsMissingThenCachingWorksWithoutMetrics() {
		this.withRedis.withClassLoader(new FilteredClassLoader(MeterRegistry.class, MeterBinder.class))
			.run((context) -> assertThat(context).hasSingleBean(CachedQueryInterceptor.class)
				.hasSingleBean(RedisCacheTier.class)
				.doesNotHaveBean("dbperfCacheMetrics")
				.doesNotHaveBean("dbperfRedisCacheMetrics"));
	}

	@Test
	void whenRedisIsPresentThenItsTierHasMetrics() {
		this.withRedis.run((context) -> assertThat(context).hasSingleBean(RedisCacheTier.class)
			.hasBean("dbperfRedisCacheMetrics"));
	}

	@Test
	void whenJacksonIsMissingThenRedisIsNotUsedEvenIfPresent() {
		this.withRedis.withClassLoader(new FilteredClassLoader(JsonMapper.class)).run((context) -> {
			assertThat(context).hasSingleBean(RedisConnectionFactory.class).doesNotHaveBean(RedisCacheTier.class);
			assertThat(context.getBean(CacheTier.class)).isInstanceOf(CaffeineCacheTier.class);
		});
	}

	@Test
	void whenTheApplicationDefinesOperationsThenTheyAreUsed() {
		this.contextRunner.withUserConfiguration(UserOperations.class)
			.run((context) -> assertUsersBean(context, CachedQueryOperations.class));
	}

	@Test
	void whenTheApplicationDefinesATableInvalidatorThenItIsUsed() {
		this.contextRunner.withUserConfiguration(UserInvalidator.class)
			.run((context) -> assertUsersBean(context, TableInvalidator.class));
	}

	@Test
	void whenTheApplicationDefinesAnInterceptorThenItIsUsed() {
		this.contextRunner.withUserConfiguration(UserInterceptor.class)
			.run((context) -> assertUsersBean(context, CachedQueryInterceptor.class));
	}

	@Test
	void whenTheApplicationDefinesAManagerThenItIsUsed() {
		this.contextRunner.withUserConfiguration(UserManager.class)
			.run((context) -> assertUsersBean(context, QueryCacheManager.class));
	}

	@Test
	void whenTheApplicationDefinesATierWithoutRedisThenCaffeineBacksOff() {
		this.contextRunner.withUserConfiguration(UserTier.class).run((context) -> {
			assertUsersBean(context, CacheTier.class);
			assertThat(context.getBean(QueryCacheManager.class).tier()).isEqualTo("caffeine");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "auto", "redis", "two-level" })
	void whenTheApplicationDefinesATierWithRedisPresentThenTheRedisTiersBackOff(String type) {
		this.withRedis.withUserConfiguration(UserTier.class)
			.withPropertyValues("dbperf.cache.type=" + type)
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(RedisCacheTier.class)
					.doesNotHaveBean(TwoLevelCacheTier.class)
					.doesNotHaveBean(InvalidationSubscriber.class);
				assertUsersBean(context, CacheTier.class);
			});
	}

	@Test
	void whenTheApplicationDefinesAnInvalidationSubscriberThenItIsUsed() {
		this.withRedis.withUserConfiguration(UserSubscriber.class)
			.withPropertyValues("dbperf.cache.type=two-level")
			.run((context) -> assertUsersBean(context, InvalidationSubscriber.class));
	}

	@Test
	void whenTheSubscriptionRetryIntervalIsBelow100msThenStartupFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("dbperf.cache.redis.subscription-retry-interval=10ms")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidDbperfPropertyException.class)
				.hasMessageContaining("'dbperf.cache.redis.subscription-retry-interval'"));
	}

	@Test
	void whenTheSubscriptionRetryIntervalIsUnsetThenItIsTenSecondsWhateverTheOpenDuration() {
		this.contextRunner.withPropertyValues("dbperf.cache.redis.open-duration=1m")
			.run((context) -> assertThat(
					context.getBean(CacheProperties.class).getRedis().getSubscriptionRetryInterval())
				.isEqualTo(Duration.ofSeconds(10)));
	}

	private void assertNoCacheBeans(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed()
			.doesNotHaveBean(CachedQueryOperations.class)
			.doesNotHaveBean(TableInvalidator.class)
			.doesNotHaveBean(CachedQueryInterceptor.class)
			.doesNotHaveBean(QueryCacheManager.class)
			.doesNotHaveBean(CacheTier.class)
			.doesNotHaveBean("dbperfCachedQueryAdvisor");
	}

	private static void assertUsersBean(AssertableApplicationContext context, Class<?> type) {
		assertThat(context).hasNotFailed();
		assertThat(context.getBeanNamesForType(type)).containsExactly("user");
	}

	@Configuration(proxyBeanMethods = false)
	static class UserOperations {

		@Bean
		CachedQueryOperations user() {
			return new CachedQueryOperations(Duration.ofMinutes(1));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserInvalidator {

		@Bean
		TableInvalidator user(ObjectProvider<CacheTier> tier, CachedQueryOperations operations) {
			return new TableInvalidator(tier::getObject, operations);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserInterceptor {

		@Bean
		CachedQueryInterceptor user(CachedQueryOperations operations, CacheTier tier, TableInvalidator invalidator) {
			return new CachedQueryInterceptor(operations, tier, invalidator, 0);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserManager {

		@Bean
		QueryCacheManager user(CachedQueryOperations operations, CacheTier tier) {
			return new QueryCacheManager(operations, tier);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserTier {

		@Bean
		CaffeineCacheTier user() {
			return new CaffeineCacheTier(5);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserSubscriber {

		@Bean
		InvalidationSubscriber user(RedisConnectionFactory connectionFactory, TwoLevelCacheTier tier) {
			return new InvalidationSubscriber(connectionFactory, tier, Duration.ofSeconds(1));
		}

	}

}
