package io.github.dbperf.autoconfigure.pool;

import java.sql.Connection;
import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import io.github.dbperf.actuate.DbperfEndpoint;
import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.InvalidDbperfPropertyException;
import io.github.dbperf.autoconfigure.actuate.DbperfEndpointAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.pool.PoolHistory;
import io.github.dbperf.pool.PoolHistorySampler;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the pool history: its sampler's lifecycle and its settings.
 */
class PoolHistoryAutoConfigurationTests {

	private static final String SAMPLER_THREAD = "dbperf-pool-history-";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:poolhistory;DB_CLOSE_DELAY=-1",
				"spring.datasource.generate-unique-name=true", "management.endpoints.web.exposure.include=dbperf")
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, DbperfAutoConfiguration.class,
				JdbcCaptureAutoConfiguration.class, PoolAutoConfiguration.class,
				DbperfEndpointAutoConfiguration.class));

	@Test
	void whenAPoolRunsThenItsStateIsSampledOffTheApplicationThreadsUntilTheContextCloses() {
		this.contextRunner.withPropertyValues("dbperf.pool.history.interval=20ms", "dbperf.pool.history.retention=1m")
			.run((context) -> {
				PoolHistory history = context.getBean(PoolHistory.class);
				assertThat(history.capacity()).isEqualTo(60_000 / 20);
				assertThat(context.getBean(PoolHistorySampler.class).isRunning()).isTrue();
				try (Connection held = context.getBean(DataSource.class).getConnection()) {
					await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
						PoolHistory.Series series = history.series().get("dataSource");
						assertThat(series).isNotNull();
						assertThat(series.active()).contains(1);
					});
				}
				assertThat(samplerThreadAlive()).isTrue();
				DbperfEndpoint.DbperfDescriptor descriptor = context.getBean(DbperfEndpoint.class).dbperf();
				assertThat(descriptor.history()).containsOnlyKeys("dataSource");
				assertThat(descriptor.history().get("dataSource").size()).isPositive();
			});
		await().atMost(Duration.ofSeconds(30)).until(() -> !samplerThreadAlive());
	}

	@Test
	void whenThereIsNoPoolThenNothingIsSampled() {
		this.contextRunner
			.withPropertyValues("spring.datasource.type=org.springframework.jdbc.datasource.SimpleDriverDataSource",
					"dbperf.pool.history.interval=20ms", "dbperf.pool.history.retention=1m")
			.run((context) -> {
				assertThat(context.getBean(PoolHistorySampler.class).isRunning()).isFalse();
				assertThat(context.getBean(PoolHistory.class).series()).isEmpty();
				assertThat(context.getBean(DbperfEndpoint.class).dbperf().history()).isEqualTo(Map.of());
			});
	}

	@Test
	void whenHistoryIsOffThenNeitherHistoryNorSamplerExistAndTheEndpointShowsNone() {
		this.contextRunner.withPropertyValues("dbperf.pool.history.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(PoolHistory.class).doesNotHaveBean(PoolHistorySampler.class);
			assertThat(context.getBean(DbperfEndpoint.class).dbperf().history()).isEmpty();
		});
	}

	@Test
	void whenRetentionIsShorterThanTheIntervalThenStartupFailsNamingRetention() {
		assertInvalid("dbperf.pool.history.retention", "5s", "dbperf.pool.history.interval=10s",
				"dbperf.pool.history.retention=5s");
	}

	@Test
	void whenRetentionHoldsMoreThanTenThousandSamplesThenStartupFailsNamingRetention() {
		assertInvalid("dbperf.pool.history.retention", "1h", "dbperf.pool.history.interval=100ms",
				"dbperf.pool.history.retention=1h");
	}

	@Test
	void whenTheIntervalIsBelowTenMillisecondsThenStartupFailsNamingTheInterval() {
		assertInvalid("dbperf.pool.history.interval", "1ms", "dbperf.pool.history.interval=1ms");
	}

	private void assertInvalid(String property, String value, String... properties) {
		this.contextRunner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			Throwable cause = NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure());
			assertThat(cause).isInstanceOfSatisfying(InvalidDbperfPropertyException.class, (ex) -> {
				assertThat(ex.getProperty()).isEqualTo(property);
				assertThat(ex.getValue()).isEqualTo(value);
			});
		});
	}

	private static boolean samplerThreadAlive() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.anyMatch((thread) -> thread.getName().startsWith(SAMPLER_THREAD) && thread.isAlive());
	}

}
