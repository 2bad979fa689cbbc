package io.github.dbperf.autoconfigure.pool;

import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import io.github.dbperf.actuate.DbperfEndpoint;
import io.github.dbperf.advisor.DataAccessReport;
import io.github.dbperf.advisor.Finding;
import io.github.dbperf.advisor.PoolReport;
import io.github.dbperf.advisor.Severity;
import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.actuate.DbperfEndpointAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.it.blog.Owner;
import io.github.dbperf.jdbc.DbperfDataSource;
import io.github.dbperf.pool.PoolSetting;
import io.github.dbperf.pool.SettingSource;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Test;

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
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

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
				.isNotNull();
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
	void whenConnectionTimeoutIsLongThenAdvisorSaysSo() {
		this.contextRunner.withPropertyValues("spring.datasource.hikari.connection-timeout=30000")
			.run((context) -> assertThat(context.getBean(DataAccessReport.class).findings())
				.extracting(Finding::setting)
				.containsExactly("spring.datasource.hikari.connection-timeout"));
	}

	@Test
	void whenDataSourceIsExcludedFromCaptureAndLeakDetectionIsOffThenAdvisorWarns() {
		this.contextRunner.withPropertyValues("dbperf.jdbc.exclude-beans=dataSource")
			.run((context) -> assertOnlyLeakDetectionFinding(context, Severity.WARN, "dbperf does not wrap it"));
	}

	@Test
	void whenHikariLeakDetectionIsOnAndDbperfTracksHoldersThenAdvisorNamesItsCost() {
		this.contextRunner.withPropertyValues("spring.datasource.hikari.leak-detection-threshold=10000")
			.run((context) -> assertOnlyLeakDetectionFinding(context, Severity.INFO, "stack on every checkout"));
	}

	private static void assertOnlyLeakDetectionFinding(ApplicationContext context, Severity severity, String message) {
		assertThat(context.getBean(DataAccessReport.class).findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.severity()).isEqualTo(severity);
			assertThat(finding.setting()).isEqualTo("spring.datasource.hikari.leak-detection-threshold");
			assertThat(finding.message()).contains(message);
		});
	}

	@Test
	void whenTunedThenAdvisorHasNoPoolFindings() {
		this.contextRunner.run((context) -> assertThat(context.getBean(DataAccessReport.class).findings()).isEmpty());
	}

	@Test
	void whenHibernateIsPresentThenTunedPropertiesAreApplied() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(HibernateJpaAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class))
			.withUserConfiguration(EntitiesConfiguration.class)
			.withPropertyValues("spring.jpa.properties.hibernate.jdbc.batch_size=10")
			.run((context) -> {
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
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(HibernateJpaAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class))
			.withUserConfiguration(EntitiesConfiguration.class)
			.withPropertyValues("dbperf.pool.tuning.disable-auto-commit=true")
			.run((context) -> {
				assertThat(hikari(context.getBean(DataSource.class)).isAutoCommit()).isFalse();
				assertThat(context.getBean(EntityManagerFactory.class).getProperties())
					.containsEntry("hibernate.connection.provider_disables_autocommit", "true");
			});
	}

	@Test
	void whenJpaMapsEagerToManyThenAdvisorNamesTheAssociation() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(HibernateJpaAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class))
			.withUserConfiguration(EntitiesConfiguration.class)
			.withPropertyValues("spring.jpa.properties.hibernate.jdbc.batch_size=1")
			.run((context) -> {
				assertThat(context.getBean(DataAccessReport.class).findings()).extracting(Finding::setting)
					.contains("Owner.pets", "spring.jpa.properties.hibernate.jdbc.batch_size")
					.doesNotContain("Owner.visits", "spring.jpa.open-in-view");
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
	void whenSeverityIsSortedThenErrorsComeFirst() {
		assertThat(Severity.values()).containsExactly(Severity.ERROR, Severity.WARN, Severity.INFO);
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
	@AutoConfigurationPackage(basePackageClasses = Owner.class)
	static class EntitiesConfiguration {

	}

}
