package io.github.dbperf.autoconfigure.pool;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import io.github.dbperf.actuate.DbperfEndpoint;
import io.github.dbperf.advisor.DataAccessReport;
import io.github.dbperf.rules.Finding;
import io.github.dbperf.advisor.PoolReport;
import io.github.dbperf.rules.Severity;
import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.actuate.DbperfEndpointAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.it.blog.Owner;
import io.github.dbperf.jdbc.DbperfDataSource;
import io.github.dbperf.pool.PoolSetting;
import io.github.dbperf.pool.SettingSource;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.CustomScopeConfigurer;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.context.support.SimpleThreadScope;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link PoolAutoConfiguration}.
 */
class PoolAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:pooltests;DB_CLOSE_DELAY=-1",
				"spring.datasource.generate-unique-name=true")
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, DbperfAutoConfiguration.class,
				JdbcCaptureAutoConfiguration.class, PoolAutoConfiguration.class,
				DbperfEndpointAutoConfiguration.class));

	private final ApplicationContextRunner hibernateRunner = this.contextRunner
		.withConfiguration(AutoConfigurations.of(HibernateJpaAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class))
		.withUserConfiguration(EntitiesConfiguration.class);

	@Test
	void whenHikariThenTunedDefaultsAreApplied() {
		this.contextRunner.run((context) -> {
			HikariDataSource hikari = hikari(context.getBean(DataSource.class));
			assertThat(hikari.getConnectionTimeout()).isEqualTo(5_000);
			assertThat(hikari.getKeepaliveTime()).isEqualTo(120_000);
			assertThat(hikari.getMaxLifetime()).isEqualTo(1_200_000);
			assertThat(hikari.getLeakDetectionThreshold()).isZero();
			assertThat(hikari.getPoolName()).isEqualTo("dataSource");
			assertThat(hikari.getMinimumIdle()).isEqualTo(hikari.getMaximumPoolSize()).isEqualTo(10);
		});
	}

	@Test
	void whenUserSetsHikariPropertiesThenTheyWin() {
		this.contextRunner
			.withPropertyValues("spring.datasource.hikari.maximum-pool-size=3",
					"spring.datasource.hikari.connection-timeout=30000", "spring.datasource.hikari.pool-name=main",
					"spring.datasource.hikari.minimum-idle=1")
			.run((context) -> {
				HikariDataSource hikari = hikari(context.getBean(DataSource.class));
				assertThat(hikari.getMaximumPoolSize()).isEqualTo(3);
				assertThat(hikari.getConnectionTimeout()).isEqualTo(30_000);
				assertThat(hikari.getPoolName()).isEqualTo("main");
				assertThat(hikari.getMinimumIdle()).isEqualTo(1);
				assertThat(hikari.getKeepaliveTime()).isEqualTo(120_000);
			});
	}

	@Test
	void whenUserSetsMaximumPoolSizeThenPoolStaysFixedSize() {
		this.contextRunner.withPropertyValues("spring.datasource.hikari.maximum-pool-size=3").run((context) -> {
			HikariDataSource hikari = hikari(context.getBean(DataSource.class));
			assertThat(hikari.getMaximumPoolSize()).isEqualTo(3);
			assertThat(hikari.getMinimumIdle()).isEqualTo(3);
		});
	}

	@Test
	void whenDbperfPropertiesAreSetThenTheyAreTheTunedDefaults() {
		this.contextRunner
			.withPropertyValues("dbperf.pool.tuning.connection-timeout=2s", "dbperf.pool.tuning.keepalive-time=0",
					"dbperf.pool.tuning.leak-detection-threshold=10s")
			.run((context) -> {
				HikariDataSource hikari = hikari(context.getBean(DataSource.class));
				assertThat(hikari.getConnectionTimeout()).isEqualTo(2_000);
				assertThat(hikari.getKeepaliveTime()).isZero();
				assertThat(hikari.getLeakDetectionThreshold()).isEqualTo(10_000);
			});
	}

	@Test
	void whenTuningIsDisabledThenHikariKeepsItsDefaults() {
		this.contextRunner.withPropertyValues("dbperf.pool.tuning.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(HikariTuningBeanPostProcessor.class);
			HikariDataSource hikari = hikari(context.getBean(DataSource.class));
			assertThat(hikari.getConnectionTimeout()).isEqualTo(30_000);
			assertThat(hikari.getMaxLifetime()).isEqualTo(1_800_000);
		});
	}

	@Test
	void whenDbperfIsDisabledThenNothingIsTunedOrWrapped() {
		this.contextRunner.withPropertyValues("dbperf.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(HikariTuningBeanPostProcessor.class)
				.doesNotHaveBean(DataAccessReport.class);
			assertThat(context.getBean(DataSource.class)).isInstanceOf(HikariDataSource.class);
			assertThat(((HikariDataSource) context.getBean(DataSource.class)).getConnectionTimeout()).isEqualTo(30_000);
		});
	}

	@Test
	void whenHikariIsMissingThenPoolTuningBacksOff() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HikariDataSource.class))
			.run((context) -> assertThat(context).doesNotHaveBean(HikariTuningBeanPostProcessor.class)
				.doesNotHaveBean(DataAccessReport.class));
	}

	@Test
	void whenDataSourceIsNotHikariThenItIsLeftUntouched() {
		this.contextRunner.withUserConfiguration(SimpleDataSourceConfiguration.class).run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			SimpleDriverDataSource simple = DataSourceUnwrapper.unwrap(dataSource, SimpleDriverDataSource.class);
			assertThat(simple).isNotNull();
			assertThat(simple.getUrl()).isEqualTo("jdbc:h2:mem:simple");
			PoolReport report = context.getBean(DataAccessReport.class).pools().get(0);
			assertThat(report.type()).isEqualTo(SimpleDriverDataSource.class.getName());
			assertThat(report.settings()).isEmpty();
		});
	}

	@Test
	void whenDataSourceIsWrappedThenHikariStaysReachable() {
		this.contextRunner.run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			assertThat(dataSource).isInstanceOf(DbperfDataSource.class);
			assertThat(DataSourceUnwrapper.unwrap(dataSource, HikariConfigMXBean.class, HikariDataSource.class))
				.isSameAs(((DbperfDataSource) dataSource).getTargetDataSource());
		});
	}

	@Test
	void whenReportedThenEachSettingNamesItsSource() {
		this.contextRunner.withPropertyValues("spring.datasource.hikari.connection-timeout=30000").run((context) -> {
			Map<String, PoolSetting> settings = settings(context.getBean(DataAccessReport.class).pools().get(0));
			assertThat(settings.get("connectionTimeout").source()).isEqualTo(SettingSource.USER);
			assertThat(settings.get("connectionTimeout").value()).isEqualTo("30s");
			assertThat(settings.get("keepaliveTime").source()).isEqualTo(SettingSource.DBPERF);
			assertThat(settings.get("keepaliveTime").value()).isEqualTo("2m");
			assertThat(settings.get("idleTimeout").source()).isEqualTo(SettingSource.HIKARI_DEFAULT);
			assertThat(settings.get("maximumPoolSize").source()).isEqualTo(SettingSource.HIKARI_DEFAULT);
			assertThat(settings.get("leakDetectionThreshold").source()).isEqualTo(SettingSource.HIKARI_DEFAULT);
		});
	}

	@Test
	void whenConnectionTimeoutIsLongThenAdvisorSaysSoInBootDurationStyle() {
		this.contextRunner.withPropertyValues("spring.datasource.hikari.connection-timeout=30000")
			.run((context) -> assertThat(context.getBean(DataAccessReport.class).findings()).singleElement()
				.satisfies((finding) -> {
					assertThat(finding.rule()).isEqualTo("config-slow-connection-timeout");
					assertThat(finding.where().setting()).isEqualTo("spring.datasource.hikari.connection-timeout");
					assertThat(finding.where().dataSource()).isEqualTo("dataSource");
					assertThat(finding.message()).contains("wait up to 30s for a connection");
				}));
	}

	@Test
	void whenDataSourceIsExcludedFromCaptureAndLeakDetectionIsOffThenAdvisorWarns() {
		this.contextRunner.withPropertyValues("dbperf.jdbc.exclude-beans=dataSource")
			.run((context) -> assertOnlyLeakDetectionFinding(context, "config-leak-detection-off", Severity.WARN,
					"dbperf does not wrap it"));
	}

	@Test
	void whenHikariLeakDetectionIsOnAndDbperfTracksHoldersThenAdvisorNamesItsCost() {
		this.contextRunner.withPropertyValues("spring.datasource.hikari.leak-detection-threshold=10000")
			.run((context) -> assertOnlyLeakDetectionFinding(context, "config-hikari-leak-detection-overhead",
					Severity.INFO, "stack on every checkout"));
	}

	private static void assertOnlyLeakDetectionFinding(ApplicationContext context, String rule, Severity severity,
			String message) {
		assertThat(context.getBean(DataAccessReport.class).findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo(rule);
			assertThat(finding.severity()).isEqualTo(severity);
			assertThat(finding.where().setting()).isEqualTo("spring.datasource.hikari.leak-detection-threshold");
			assertThat(finding.message()).contains(message);
		});
	}

	// H2 states no connection limit or idle cut-off; PostgresPoolIT checks
	// a tuned pool against those
	@Test
	void whenTunedThenNoPoolSettingIsFlagged() {
		this.contextRunner.run((context) -> assertThat(context.getBean(DataAccessReport.class).findings()).isEmpty());
	}

	@Test
	void whenHibernateIsPresentThenTunedPropertiesAreApplied() {
		this.hibernateRunner.withPropertyValues("spring.jpa.properties.hibernate.jdbc.batch_size=10").run((context) -> {
			Map<String, Object> properties = context.getBean(EntityManagerFactory.class).getProperties();
			assertThat(properties).containsEntry("hibernate.jdbc.batch_size", "10")
				.containsEntry("hibernate.order_inserts", "true")
				.containsEntry("hibernate.order_updates", "true")
				.containsEntry("hibernate.default_batch_fetch_size", "16")
				.containsEntry("hibernate.query.in_clause_parameter_padding", "true")
				.containsEntry("hibernate.query.fail_on_pagination_over_collection_fetch", "true")
				.doesNotContainKey("hibernate.connection.provider_disables_autocommit");
		});
	}

	@Test
	void whenAutoCommitIsDisabledThenPoolAndHibernateAgree() {
		this.hibernateRunner.withPropertyValues("dbperf.pool.tuning.disable-auto-commit=true").run((context) -> {
			assertThat(hikari(context.getBean(DataSource.class)).isAutoCommit()).isFalse();
			assertThat(context.getBean(EntityManagerFactory.class).getProperties())
				.containsEntry("hibernate.connection.provider_disables_autocommit", "true");
		});
	}

	@Test
	void whenJpaMapsEagerToManyThenAdvisorNamesTheAssociation() {
		this.hibernateRunner.withPropertyValues("spring.jpa.properties.hibernate.jdbc.batch_size=1").run((context) -> {
			assertThat(context.getBean(DataAccessReport.class).findings())
				.extracting((finding) -> finding.rule() + " " + finding.where().matchables().get(0))
				.contains("jpa-eager-to-many Owner.pets",
						"config-batching-off spring.jpa.properties.hibernate.jdbc.batch_size")
				.doesNotContain("jpa-eager-to-many Owner.visits")
				.noneMatch((text) -> text.startsWith("config-open-in-view"));
		});
	}

	@Test
	void whenHibernateIsMissingThenNoHibernateTuning() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HibernatePropertiesCustomizer.class))
			.run((context) -> assertThat(context).doesNotHaveBean(HibernatePropertiesCustomizer.class)
				.doesNotHaveBean(JpaFactsSupplier.class)
				.hasSingleBean(DataAccessReport.class));
	}

	@Test
	void whenEndpointIsExposedThenItReportsPools() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=dbperf").run((context) -> {
			DbperfEndpoint.DbperfDescriptor descriptor = context.getBean(DbperfEndpoint.class).dbperf();
			assertThat(descriptor.pools()).singleElement().satisfies((pool) -> {
				assertThat(pool.name()).isEqualTo("dataSource");
				assertThat(pool.database().product()).isEqualTo("H2");
			});
		});
	}

	@Test
	void whenEndpointIsNotExposedThenNoEndpointBean() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(DbperfEndpoint.class));
	}

	@Test
	void whenActuatorIsMissingThenNoEndpointBean() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.withPropertyValues("management.endpoints.web.exposure.include=dbperf")
			.run((context) -> assertThat(context).doesNotHaveBean(DbperfEndpoint.class)
				.hasSingleBean(DataAccessReport.class));
	}

	@Test
	void whenFindingsOfMixedSeverityThenTheMostSevereComeFirst() {
		// The checks find the leak-detection INFO before the connection-timeout WARN
		this.contextRunner
			.withPropertyValues("spring.datasource.hikari.leak-detection-threshold=10000",
					"spring.datasource.hikari.connection-timeout=30000", "spring.datasource.hikari.minimum-idle=1")
			.run((context) -> assertThat(context.getBean(DataAccessReport.class).findings())
				.extracting(Finding::severity, Finding::rule)
				.containsExactly(tuple(Severity.WARN, "config-slow-connection-timeout"),
						tuple(Severity.INFO, "config-hikari-leak-detection-overhead"),
						tuple(Severity.INFO, "config-pool-not-fixed-size")));
	}

	@Test
	void whenMySqlUrlThenHikariMySqlGuidanceIsAddedWithoutConnecting() {
		this.contextRunner
			.withPropertyValues("spring.datasource.url=jdbc:mysql://localhost:1/none?prepStmtCacheSize=100",
					"spring.datasource.driver-class-name=com.mysql.cj.jdbc.Driver")
			.run((context) -> {
				HikariDataSource hikari = hikari(context.getBean(DataSource.class));
				assertThat(hikari.getHikariPoolMXBean()).as("pool never started").isNull();
				assertThat(hikari.getDataSourceProperties()).containsOnly(entry("cachePrepStmts", "true"),
						entry("prepStmtCacheSqlLimit", "2048"), entry("useServerPrepStmts", "true"),
						entry("useLocalSessionState", "true"), entry("rewriteBatchedStatements", "true"),
						entry("cacheResultSetMetadata", "true"), entry("cacheServerConfiguration", "true"),
						entry("elideSetAutoCommits", "true"), entry("maintainTimeStats", "false"));
			});
	}

	@Test
	void whenMariaDbUrlThenOnlyWhatConnectorJ3KnowsIsAddedWithoutConnecting() {
		this.contextRunner
			.withPropertyValues("spring.datasource.url=jdbc:mariadb://localhost:1/none",
					"spring.datasource.driver-class-name=org.mariadb.jdbc.Driver")
			.run((context) -> {
				HikariDataSource hikari = hikari(context.getBean(DataSource.class));
				assertThat(hikari.getHikariPoolMXBean()).as("pool never started").isNull();
				assertThat(hikari.getDataSourceProperties()).containsOnly(entry("cachePrepStmts", "true"),
						entry("prepStmtCacheSize", "250"), entry("useLocalSessionState", "true"),
						entry("rewriteBatchedStatements", "true"));
			});
	}

	@Test
	void whenStarvationWaitThresholdIsSetThenItIsBound() {
		this.contextRunner
			.withPropertyValues("dbperf.pool.starvation.wait-threshold=300ms", "dbperf.pool.long-hold.threshold=5s")
			.run((context) -> assertThresholds(context, Duration.ofMillis(300), Duration.ofSeconds(5)));
	}

	@Test
	@SuppressWarnings("removal")
	void whenDeprecatedThresholdNamesAreSetThenTheyStillApply() {
		this.contextRunner
			.withPropertyValues("dbperf.pool.starvation.threshold=300ms",
					"dbperf.pool.starvation.long-hold-threshold=5s")
			.run((context) -> {
				assertThresholds(context, Duration.ofMillis(300), Duration.ofSeconds(5));
				PoolProperties.Starvation starvation = context.getBean(PoolProperties.class).getStarvation();
				assertThat(starvation.getThreshold()).isEqualTo(Duration.ofMillis(300));
				assertThat(starvation.getLongHoldThreshold()).isEqualTo(Duration.ofSeconds(5));
			});
	}

	@Test
	void whenOldAndNewThresholdNamesAreBothSetThenTheNewNamesWin() {
		this.contextRunner
			.withPropertyValues("dbperf.pool.starvation.threshold=300ms", "dbperf.pool.starvation.wait-threshold=400ms",
					"dbperf.pool.starvation.long-hold-threshold=5s", "dbperf.pool.long-hold.threshold=7s")
			.run((context) -> assertThresholds(context, Duration.ofMillis(400), Duration.ofSeconds(7)));
	}

	@Test
	void whenADeprecatedThresholdIsOutOfRangeThenStartupFailsNamingIt() {
		this.contextRunner.withPropertyValues("dbperf.pool.starvation.long-hold-threshold=2d")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("dbperf.pool.starvation.long-hold-threshold"));
	}

	private static void assertThresholds(ApplicationContext context, Duration wait, Duration longHold) {
		PoolProperties properties = context.getBean(PoolProperties.class);
		assertThat(properties.getStarvation().getWaitThreshold()).isEqualTo(wait);
		assertThat(properties.getLongHold().getThreshold()).isEqualTo(longHold);
	}

	@Test
	void whenTheApplicationDefinesADataAccessReportThenTheAdvisorBacksOff() {
		this.contextRunner.withUserConfiguration(CustomReportConfiguration.class)
			.run((context) -> assertThat(context).getBean(DataAccessReport.class)
				.isSameAs(context.getBean("customReport")));
	}

	@Test
	void whenStartupLoggingIsOnByDefaultThenTheLoggerIsRegistered() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(AdvisorStartupLogger.class));
	}

	@Test
	void whenStartupLoggingIsOffThenNoLogger() {
		this.contextRunner.withPropertyValues("dbperf.pool.advisor.log-at-startup=false")
			.run((context) -> assertThat(context).doesNotHaveBean(AdvisorStartupLogger.class)
				.hasSingleBean(DataAccessReport.class));
	}

	@Test
	void whenTuningIsDisabledThenHibernateKeepsItsOwnDefaults() {
		this.hibernateRunner.withPropertyValues("dbperf.pool.tuning.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(HibernatePropertiesCustomizer.class);
			assertThat(context.getBean(EntityManagerFactory.class).getProperties())
				.doesNotContainKeys("hibernate.jdbc.batch_size", "hibernate.default_batch_fetch_size");
		});
	}

	@Test
	void whenThePoolIsAScopedBeanThenItIsNamedAndReportedWithoutTheScopedTargetPrefix() {
		this.contextRunner.withUserConfiguration(ScopedDataSourceConfiguration.class).run((context) -> {
			HikariDataSource hikari = hikari(context.getBean("dataSource", DataSource.class));
			assertThat(hikari.getPoolName()).isEqualTo("dataSource");
			assertThat(context.getBean(DataAccessReport.class).pools()).singleElement().satisfies((pool) -> {
				assertThat(pool.name()).isEqualTo("dataSource");
				assertThat(pool.type()).isEqualTo(HikariDataSource.class.getName());
			});
		});
	}

	private static HikariDataSource hikari(DataSource dataSource) {
		HikariDataSource hikari = DataSourceUnwrapper.unwrap(dataSource, HikariConfigMXBean.class,
				HikariDataSource.class);
		assertThat(hikari).isNotNull();
		return hikari;
	}

	private static Map<String, PoolSetting> settings(PoolReport report) {
		Map<String, PoolSetting> settings = new java.util.LinkedHashMap<>();
		report.settings().forEach((setting) -> settings.put(setting.name(), setting));
		return settings;
	}

	@Configuration(proxyBeanMethods = false)
	static class SimpleDataSourceConfiguration {

		@Bean
		DataSource dataSource() {
			return new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:mem:simple");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomReportConfiguration {

		@Bean
		DataAccessReport customReport() {
			return new DataAccessReport(Map::of, null, (name) -> false, List::of, null);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ScopedDataSourceConfiguration {

		@Bean
		static CustomScopeConfigurer threadScope() {
			CustomScopeConfigurer configurer = new CustomScopeConfigurer();
			configurer.addScope("thread", new SimpleThreadScope());
			return configurer;
		}

		@Bean
		@Scope(scopeName = "thread", proxyMode = ScopedProxyMode.INTERFACES)
		DataSource dataSource() {
			HikariDataSource dataSource = new HikariDataSource();
			dataSource.setJdbcUrl("jdbc:h2:mem:scoped");
			return dataSource;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = Owner.class)
	static class EntitiesConfiguration {

	}

}
