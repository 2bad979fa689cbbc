package io.github.dbperf.autoconfigure.nplusone;

import io.github.dbperf.actuate.NPlusOneEndpoint;
import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.InvalidDbperfPropertyException;
import io.github.dbperf.autoconfigure.actuate.DbperfEndpointAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.autoconfigure.pool.PoolAutoConfiguration;
import io.github.dbperf.autoconfigure.query.QueryAutoConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import io.github.dbperf.context.ApplicationFrames;
import io.github.dbperf.context.UnitOfWorkContext;
import io.github.dbperf.nplusone.IncidentKind;
import io.github.dbperf.nplusone.IncidentStore;
import io.github.dbperf.nplusone.NPlusOneDetector;
import io.github.dbperf.nplusone.NPlusOneException;
import io.github.dbperf.nplusone.NPlusOneMode;
import io.github.dbperf.nplusone.QueryScope;
import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.annotation.JmsListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link NPlusOneAutoConfiguration}.
 */
class NPlusOneAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues("spring.datasource.generate-unique-name=true",
				"management.endpoints.web.exposure.include=nplusone",
				"dbperf.application-packages=io.github.dbperf.autoconfigure.nplusone")
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, DbperfAutoConfiguration.class,
				JdbcCaptureAutoConfiguration.class, QueryAutoConfiguration.class, PoolAutoConfiguration.class,
				NPlusOneAutoConfiguration.class, DbperfEndpointAutoConfiguration.class));

	@Test
	void whenALoopRunsInAQueryScopeThenTheIncidentIsStoredAndCounted() {
		this.contextRunner.run((context) -> {
			loop(context, "export", 4, true);
			assertThat(context.getBean(NPlusOneDetector.class).store().incidents()).singleElement()
				.satisfies((incident) -> {
					assertThat(incident.kind()).isEqualTo(IncidentKind.N_PLUS_ONE);
					assertThat(incident.unitOfWork()).isEqualTo("export");
					assertThat(incident.sql()).isEqualTo("select name from item where id = ?");
					assertThat(incident.maxRepeats()).isEqualTo(4);
					assertThat(incident.callSite()).startsWith("NPlusOneAutoConfigurationTests.loop(");
				});
			assertThat(context.getBean(MeterRegistry.class)
				.get("dbperf.nplusone.incidents")
				.tags("unit", "export", "kind", "n_plus_one")
				.counter()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void whenTheSameSelectRunsOnSeparateLinesThenItIsNotALoop() {
		this.contextRunner.run((context) -> {
			JdbcTemplate jdbc = items(context);
			try (QueryScope scope = QueryScope.open("cleanup")) {
				findItem(jdbc, 1);
				findItem(jdbc, 2);
				findItem(jdbc, 3);
			}
			assertThat(context.getBean(NPlusOneDetector.class).store().incidents()).isEmpty();
		});
	}

	@Test
	void whenLiteralsAreInlinedThenDifferingValuesAreAnNPlusOneAndEqualOnesADuplicate() {
		this.contextRunner.run((context) -> {
			JdbcTemplate jdbc = items(context);
			try (QueryScope scope = QueryScope.open("inlined")) {
				for (int i = 0; i < 4; i++) {
					jdbc.queryForList("select name from item where id = " + i, String.class);
				}
			}
			try (QueryScope scope = QueryScope.open("repeated")) {
				for (int i = 0; i < 4; i++) {
					jdbc.queryForList("select name from item where id = " + 1, String.class);
				}
			}
			assertThat(context.getBean(NPlusOneDetector.class).store().incidents())
				.extracting((incident) -> incident.unitOfWork() + " " + incident.kind())
				.containsExactlyInAnyOrder("inlined N_PLUS_ONE", "repeated DUPLICATE");
		});
	}

	@Test
	void whenAnAsyncMethodLoopsThenItRunsAsAUnitOfWorkOnTheExecutor() {
		this.contextRunner.withUserConfiguration(AsyncConfiguration.class).run((context) -> {
			items(context);
			String unit = context.getBean(Exports.class).export().get(30, TimeUnit.SECONDS);
			assertThat(unit).isEqualTo("async Exports.export on export-1");
			Awaitility.await()
				.untilAsserted(
						() -> assertThat(context.getBean(NPlusOneDetector.class).store().incidents()).singleElement()
							.satisfies((incident) -> {
								assertThat(incident.unitOfWork()).isEqualTo("async Exports.export");
								assertThat(incident.kind()).isEqualTo(IncidentKind.N_PLUS_ONE);
							}));
		});
	}

	@Test
	void whenListenerMethodsLoopThenEachIsAUnitOfWorkNamedByItsMethod() {
		this.contextRunner.withUserConfiguration(ListenerConfiguration.class).run((context) -> {
			items(context);
			Listeners listeners = context.getBean(Listeners.class);
			assertThat(listeners.onKafka("order")).isEqualTo("listener Listeners.onKafka");
			assertThat(listeners.onRabbit("order")).isEqualTo("listener Listeners.onRabbit");
			assertThat(listeners.onJms("order")).isEqualTo("listener Listeners.onJms");
			assertThat(context.getBean(NPlusOneDetector.class).store().incidents())
				.extracting(IncidentStore.Aggregate::unitOfWork)
				.containsExactlyInAnyOrder("listener Listeners.onKafka", "listener Listeners.onRabbit",
						"listener Listeners.onJms");
		});
	}

	@Test
	void whenListenerLibrariesAreMissingThenNoListenerAdvisorIsRegistered() {
		this.contextRunner
			.withClassLoader(new FilteredClassLoader(KafkaListener.class, RabbitListener.class, JmsListener.class))
			.run((context) -> assertThat(context).doesNotHaveBean("dbperfKafkaListenerUnitOfWorkAdvisor")
				.doesNotHaveBean("dbperfRabbitListenerUnitOfWorkAdvisor")
				.doesNotHaveBean("dbperfJmsListenerUnitOfWorkAdvisor")
				.hasBean("dbperfAsyncUnitOfWorkAdvisor"));
	}

	@Test
	void listenerAnnotationNamesExist() {
		assertThat(List.of(NPlusOneAutoConfiguration.KafkaListenerConfiguration.LISTENER,
				NPlusOneAutoConfiguration.KafkaListenerConfiguration.HANDLER,
				NPlusOneAutoConfiguration.RabbitListenerConfiguration.LISTENER,
				NPlusOneAutoConfiguration.RabbitListenerConfiguration.HANDLER,
				NPlusOneAutoConfiguration.JmsListenerConfiguration.LISTENER))
			.allSatisfy((name) -> assertThat(ClassUtils.isPresent(name, null)).as(name).isTrue());
	}

	@Test
	void whenRepeatsStayBelowMinRepeatsThenNothingIsReported() {
		this.contextRunner.withPropertyValues("dbperf.nplusone.min-repeats=5").run((context) -> {
			loop(context, "export", 4, true);
			assertThat(context.getBean(NPlusOneDetector.class).store().incidents()).isEmpty();
			loop(context, "export", 5, true);
			assertThat(context.getBean(NPlusOneDetector.class).store().incidents()).hasSize(1);
		});
	}

	@Test
	@SuppressWarnings("removal")
	void whenTheDeprecatedThresholdIsSetThenItStillSetsMinRepeats() {
		this.contextRunner.withPropertyValues("dbperf.nplusone.threshold=5").run((context) -> {
			assertThat(context.getBean(NPlusOneDetector.class).minRepeats()).isEqualTo(5);
			assertThat(context.getBean(NPlusOneProperties.class).getThreshold()).isEqualTo(5);
			loop(context, "export", 4, true);
			assertThat(context.getBean(NPlusOneDetector.class).store().incidents()).isEmpty();
		});
	}

	@Test
	void whenBothNamesAreSetThenMinRepeatsWins() {
		this.contextRunner.withPropertyValues("dbperf.nplusone.threshold=7", "dbperf.nplusone.min-repeats=4")
			.run((context) -> assertThat(context.getBean(NPlusOneDetector.class).minRepeats()).isEqualTo(4));
	}

	@Test
	void thresholdIsDeprecatedInTheMetadataInFavorOfMinRepeats() throws Exception {
		JsonNode metadata = JsonMapper.builder()
			.build()
			.readTree(new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream());
		List<JsonNode> properties = new ArrayList<>();
		metadata.get("properties").forEach(properties::add);
		assertThat(properties)
			.filteredOn((property) -> property.get("name").asString().equals("dbperf.nplusone.threshold"))
			.singleElement()
			.satisfies((threshold) -> {
				assertThat(threshold.get("deprecated").asBoolean()).isTrue();
				assertThat(threshold.get("deprecation").get("replacement").asString())
					.isEqualTo("dbperf.nplusone.min-repeats");
			});
		assertThat(properties)
			.filteredOn((property) -> property.get("name").asString().equals("dbperf.nplusone.min-repeats"))
			.singleElement()
			.satisfies((minRepeats) -> assertThat(minRepeats.get("defaultValue").asInt()).isEqualTo(3));
	}

	@Test
	void whenTheSqlIsIgnoredThenNothingIsReported() {
		this.contextRunner.withPropertyValues("dbperf.nplusone.ignore=from item").run((context) -> {
			loop(context, "export", 4, true);
			assertThat(context.getBean(NPlusOneDetector.class).store().incidents()).isEmpty();
		});
	}

	@Test
	void whenModeIsOffThenScopesOpenNoUnit() {
		this.contextRunner.withPropertyValues("dbperf.nplusone.mode=off").run((context) -> {
			try (QueryScope scope = QueryScope.open("export")) {
				assertThat(UnitOfWorkContext.current()).isNull();
			}
			loop(context, "export", 4, true);
			assertThat(context.getBean(NPlusOneDetector.class).store().incidents()).isEmpty();
		});
	}

	@Test
	void whenEndpointResetsThenIncidentsAreGone() {
		this.contextRunner.run((context) -> {
			loop(context, "export", 3, false);
			NPlusOneEndpoint endpoint = context.getBean(NPlusOneEndpoint.class);
			assertThat(endpoint.incidents().threshold()).as("min-repeats").isEqualTo(3);
			assertThat(endpoint.incidents().incidents()).singleElement()
				.satisfies((incident) -> assertThat(incident.kind()).isEqualTo(IncidentKind.DUPLICATE));
			endpoint.reset();
			assertThat(endpoint.incidents().incidents()).isEmpty();
		});
	}

	@Test
	void whenNotAWebApplicationThenNoRequestFilterIsRegistered() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class));
	}

	@Test
	void whenCaptureIsDisabledThenDetectionBacksOff() {
		this.contextRunner.withPropertyValues("dbperf.jdbc.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(NPlusOneDetector.class));
	}

	@Test
	void whenMinRepeatsIsBelowTwoThenStartupFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("dbperf.nplusone.min-repeats=1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidDbperfPropertyException.class, (ex) -> {
					assertThat(ex.getProperty()).isEqualTo("dbperf.nplusone.min-repeats");
					assertThat(ex.getValue()).isEqualTo(1);
					assertThat(ex.getAllowed()).contains("at least 2");
				}));
	}

	@Test
	void whenTheDeprecatedThresholdIsBelowTwoThenStartupFailsNamingIt() {
		this.contextRunner.withPropertyValues("dbperf.nplusone.threshold=1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidDbperfPropertyException.class,
						(ex) -> assertThat(ex.getProperty()).isEqualTo("dbperf.nplusone.threshold")));
	}

	@Test
	void whenModeIsUnknownThenStartupFailsNamingThePropertyAndValue() {
		this.contextRunner.withPropertyValues("dbperf.nplusone.mode=loud").run((context) -> {
			assertThat(context).hasFailed();
			BindException failure = cause(context.getStartupFailure(), BindException.class);
			assertThat(failure.getProperty()).isNotNull();
			assertThat(failure.getProperty().getName()).hasToString("dbperf.nplusone.mode");
			assertThat(failure.getProperty().getValue()).isEqualTo("loud");
			assertThat(failure).rootCause().hasMessageContaining("loud");
		});
	}

	@Test
	void whenDbperfIsDisabledThenDetectionBacksOff() {
		this.contextRunner.withPropertyValues("dbperf.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(NPlusOneDetector.class)
				.doesNotHaveBean(NPlusOneEndpoint.class)
				.doesNotHaveBean("dbperfScheduledUnitOfWorkAdvisor"));
	}

	@Test
	void whenUserDefinesTheDetectorThenAutoConfigurationBacksOffAndUsesIt() {
		this.contextRunner.withUserConfiguration(UserDetectorConfiguration.class).run((context) -> {
			assertThat(context).getBean(NPlusOneDetector.class).isSameAs(context.getBean("userDetector"));
			loop(context, "export", 2, true);
			assertThat(context.getBean(NPlusOneDetector.class).store().incidents()).as("min-repeats 2 of the user's")
				.hasSize(1);
		});
	}

	@Test
	void whenUserDefinesATransactionListenerThenAutoConfigurationBacksOff() {
		this.contextRunner.withUserConfiguration(UserTransactionListenerConfiguration.class)
			.run((context) -> assertThat(context).getBean(TransactionUnitOfWorkListener.class)
				.isSameAs(context.getBean("userTransactionListener")));
	}

	@Test
	void whenTheEndpointIsNotExposedThenItIsNotCreated() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=health")
			.run((context) -> assertThat(context).doesNotHaveBean(NPlusOneEndpoint.class)
				.hasSingleBean(NPlusOneDetector.class));
	}

	@Test
	void whenUserDefinesTheEndpointThenAutoConfigurationBacksOff() {
		this.contextRunner.withUserConfiguration(UserEndpointConfiguration.class)
			.run((context) -> assertThat(context).getBean(NPlusOneEndpoint.class)
				.isSameAs(context.getBean("userEndpoint")));
	}

	@Test
	void whenMaxIncidentsIsReachedThenTheLeastRecentlySeenIncidentIsDropped() {
		this.contextRunner.withPropertyValues("dbperf.nplusone.max-incidents=2").run((context) -> {
			loop(context, "first", 3, true);
			loop(context, "second", 3, true);
			loop(context, "first", 3, true);
			loop(context, "third", 3, true);
			assertThat(context.getBean(NPlusOneDetector.class).store().incidents())
				.extracting(IncidentStore.Aggregate::unitOfWork)
				.containsExactlyInAnyOrder("first", "third");
		});
	}

	@Test
	void whenModeIsExceptionThenTheUnitOfWorkFails() {
		this.contextRunner.withPropertyValues("dbperf.nplusone.mode=exception").run((context) -> {
			assertThatExceptionOfType(NPlusOneException.class).isThrownBy(() -> loop(context, "export", 3, true));
			assertThat(context.getBean(NPlusOneDetector.class).store().incidents()).hasSize(1);
		});
	}

	@Test
	void whenAScheduledMethodLoopsThenItRunsAsAUnitOfWorkNamedByItsMethod() {
		this.contextRunner.withUserConfiguration(ScheduledConfiguration.class).run((context) -> {
			items(context);
			Awaitility.await()
				.untilAsserted(
						() -> assertThat(context.getBean(NPlusOneDetector.class).store().incidents()).singleElement()
							.satisfies((incident) -> {
								assertThat(incident.unitOfWork()).isEqualTo("scheduled Reports.refresh");
								assertThat(incident.kind()).isEqualTo(IncidentKind.N_PLUS_ONE);
							}));
			assertThat(context.getBean(Reports.class).units()).contains("scheduled Reports.refresh");
		});
	}

	@Test
	void whenSchedulingIsMissingThenNoScheduledAdvisor() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Scheduled.class))
			.run((context) -> assertThat(context).doesNotHaveBean("dbperfScheduledUnitOfWorkAdvisor")
				.hasSingleBean(NPlusOneDetector.class));
	}

	private static void loop(AssertableApplicationContext context, String unit, int times, boolean differing) {
		JdbcTemplate jdbc = items(context);
		try (QueryScope scope = QueryScope.open(unit)) {
			for (int i = 0; i < times; i++) {
				jdbc.queryForList("select name from item where id = ?", String.class, differing ? i : 1);
			}
		}
	}

	private static <T extends Throwable> T cause(@Nullable Throwable failure, Class<T> type) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (type.isInstance(candidate)) {
				return type.cast(candidate);
			}
		}
		throw new AssertionError("No " + type.getSimpleName() + " in " + failure);
	}

	private static JdbcTemplate items(AssertableApplicationContext context) {
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		jdbc.execute("create table if not exists item (id int primary key, name varchar(20))");
		return jdbc;
	}

	private static void findItem(JdbcTemplate jdbc, int id) {
		jdbc.queryForList("select name from item where id = ?", String.class, id);
	}

	private static void findItems(JdbcTemplate jdbc) {
		for (int i = 0; i < 4; i++) {
			findItem(jdbc, i);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	@ImportAutoConfiguration(AopAutoConfiguration.class)
	static class AsyncConfiguration {

		@Bean(destroyMethod = "shutdown")
		ThreadPoolTaskExecutor taskExecutor() {
			ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
			executor.setThreadNamePrefix("export-");
			executor.setCorePoolSize(1);
			return executor;
		}

		@Bean
		Exports exports(JdbcTemplate jdbc) {
			return new Exports(jdbc);
		}

	}

	static class Exports {

		private final JdbcTemplate jdbc;

		Exports(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@Async
		public CompletableFuture<String> export() {
			findItems(this.jdbc);
			return CompletableFuture
				.completedFuture(UnitOfWorkContext.currentName() + " on " + Thread.currentThread().getName());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(AopAutoConfiguration.class)
	static class ListenerConfiguration {

		@Bean
		Listeners listeners(JdbcTemplate jdbc) {
			return new Listeners(jdbc);
		}

	}

	/**
	 * Listener methods as a listener container would call them; no broker runs.
	 */
	static class Listeners {

		private final JdbcTemplate jdbc;

		Listeners(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@KafkaListener(topics = "orders")
		public @Nullable String onKafka(String order) {
			findItems(this.jdbc);
			return UnitOfWorkContext.currentName();
		}

		@RabbitListener(queues = "orders")
		public @Nullable String onRabbit(String order) {
			findItems(this.jdbc);
			return UnitOfWorkContext.currentName();
		}

		@JmsListener(destination = "orders")
		public @Nullable String onJms(String order) {
			findItems(this.jdbc);
			return UnitOfWorkContext.currentName();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	@ImportAutoConfiguration(AopAutoConfiguration.class)
	static class ScheduledConfiguration {

		@Bean
		Reports reports(JdbcTemplate jdbc) {
			return new Reports(jdbc);
		}

	}

	static class Reports {

		private final JdbcTemplate jdbc;

		private final Queue<String> units = new ConcurrentLinkedQueue<>();

		Reports(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@Scheduled(fixedDelay = 60_000)
		public void refresh() {
			this.jdbc.execute("create table if not exists item (id int primary key, name varchar(20))");
			findItems(this.jdbc);
			this.units.add(String.valueOf(UnitOfWorkContext.currentName()));
		}

		public Queue<String> units() {
			return this.units;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserDetectorConfiguration {

		@Bean
		NPlusOneDetector userDetector() {
			return new NPlusOneDetector(
					new NPlusOneDetector.Settings(NPlusOneMode.LOG, 2, Set.of(), 100, Duration.ofMinutes(1)),
					new ApplicationFrames(List.of("io.github.dbperf.autoconfigure.nplusone")),
					(fingerprint, tables) -> null, new IncidentStore(10), (incident) -> {
					});
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserTransactionListenerConfiguration {

		@Bean
		TransactionUnitOfWorkListener userTransactionListener(NPlusOneDetector detector) {
			return new TransactionUnitOfWorkListener(detector);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserEndpointConfiguration {

		@Bean
		NPlusOneEndpoint userEndpoint(NPlusOneDetector detector) {
			return new NPlusOneEndpoint(detector);
		}

	}

}
