package io.github.dbperf.autoconfigure.cache;

import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.InvalidDbperfPropertyException;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.autoconfigure.query.QueryAutoConfiguration;
import io.github.dbperf.cache.CacheTier;
import io.github.dbperf.cache.CaffeineCacheTier;
import io.github.dbperf.cache.InvalidationSubscriber;
import io.github.dbperf.cache.RedisCacheTier;
import io.github.dbperf.cache.TwoLevelCacheTier;
import io.github.dbperf.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the choice of tier by {@code dbperf.cache.type}, against a real Redis.
 */
class CacheTierSelectionIT {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues("spring.datasource.generate-unique-name=true", "dbperf.cache.redis.key-prefix=tiers:")
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, DbperfAutoConfiguration.class,
				JdbcCaptureAutoConfiguration.class, QueryAutoConfiguration.class, CacheAutoConfiguration.class));

	private final ApplicationContextRunner withRedis = this.contextRunner
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
		.withPropertyValues(TestRedis.properties());

	@ParameterizedTest
	@ValueSource(strings = { "two-level", "twoLevel", "TWO_LEVEL", "two_level", "TwoLevel", "twolevel" })
	void whenTypeIsAnySpellingOfTwoLevelThenCaffeineSitsInFrontOfRedis(String type) {
		this.withRedis.withPropertyValues("dbperf.cache.type=" + type).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(CacheTier.class)).isInstanceOf(TwoLevelCacheTier.class);
			assertThat(context).hasSingleBean(RedisCacheTier.class).hasSingleBean(InvalidationSubscriber.class);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "redis", "REDIS", "Redis" })
	void whenTypeIsRedisThenRedisAloneIsTheTier(String type) {
		this.withRedis.withPropertyValues("dbperf.cache.type=" + type).run((context) -> {
			assertThat(context.getBean(CacheTier.class)).isInstanceOf(RedisCacheTier.class);
			assertThat(context).doesNotHaveBean(TwoLevelCacheTier.class).doesNotHaveBean(InvalidationSubscriber.class);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "caffeine", "CAFFEINE", "Caffeine" })
	void whenTypeIsCaffeineThenRedisIsNotUsedEvenIfPresent(String type) {
		this.withRedis.withPropertyValues("dbperf.cache.type=" + type).run((context) -> {
			assertThat(context).hasSingleBean(CacheTier.class);
			assertThat(context.getBean(CacheTier.class)).isInstanceOf(CaffeineCacheTier.class);
			assertThat(context).doesNotHaveBean(RedisCacheTier.class);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "auto", "AUTO" })
	void whenTypeIsAutoAndRedisIsPresentThenRedisAloneIsTheTier(String type) {
		this.withRedis.withPropertyValues("dbperf.cache.type=" + type).run((context) -> {
			assertThat(context.getBean(CacheTier.class)).isInstanceOf(RedisCacheTier.class);
			assertThat(context).doesNotHaveBean(TwoLevelCacheTier.class);
		});
	}

	@Test
	void whenTypeIsUnsetAndRedisIsPresentThenRedisAloneIsTheTier() {
		this.withRedis.run((context) -> {
			assertThat(context.getBean(CacheTier.class)).isInstanceOf(RedisCacheTier.class);
			assertThat(context).doesNotHaveBean(TwoLevelCacheTier.class);
		});
	}

	@Test
	void whenTypeIsAutoWithoutRedisThenCaffeineIsTheTier() {
		this.contextRunner.withPropertyValues("dbperf.cache.type=auto")
			.run((context) -> assertThat(context.getBean(CacheTier.class)).isInstanceOf(CaffeineCacheTier.class));
	}

	@Test
	void whenTypeIsTwoLevelWithoutRedisThenStartupFailsNamingTheValueAsWritten() {
		this.contextRunner.withPropertyValues("dbperf.cache.type=twoLevel").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidDbperfPropertyException.class)
				.hasMessageContaining("Invalid value 'two-level' for property 'dbperf.cache.type'");
		});
	}

}
