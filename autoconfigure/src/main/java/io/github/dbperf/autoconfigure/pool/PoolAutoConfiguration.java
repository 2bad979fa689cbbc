package io.github.dbperf.autoconfigure.pool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import io.github.dbperf.advisor.DataAccessReport;
import io.github.dbperf.advisor.JpaFacts;
import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.DbperfProperties;
import io.github.dbperf.autoconfigure.InvalidDbperfPropertyException;
import io.github.dbperf.autoconfigure.PropertyChecks;
import io.github.dbperf.context.ApplicationFrames;
import io.github.dbperf.jpa.HibernateTuning;
import io.github.dbperf.pool.ConnectionTimings;
import io.github.dbperf.pool.ConnectionTimingsFactory;
import io.github.dbperf.pool.ConnectionTrackers;
import io.github.dbperf.pool.HikariTuning;
import io.github.dbperf.pool.MicrometerConnectionTimings;
import io.github.dbperf.pool.PoolHistory;
import io.github.dbperf.pool.PoolHistorySampler;
import io.github.dbperf.rules.RuleSettings;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.persistence.EntityManagerFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for HikariCP, driver and Hibernate tuning, connection-holder
 * tracking and the data-access advisor.
 *
 * @author dbperf
 * @since 0.1.0
 */
@AutoConfiguration(after = DbperfAutoConfiguration.class)
@ConditionalOnClass({ DataSource.class, HikariDataSource.class })
@ConditionalOnBooleanProperty(name = "dbperf.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ PoolProperties.class, DbperfProperties.class })
public final class PoolAutoConfiguration {

	@Bean
	@ConditionalOnBooleanProperty(name = "dbperf.pool.tuning.enabled", matchIfMissing = true)
	static HikariTuningBeanPostProcessor dbperfHikariTuningBeanPostProcessor() {
		return new HikariTuningBeanPostProcessor();
	}

	@Bean
	@ConditionalOnMissingBean
	ConnectionTrackers dbperfConnectionTrackers(PoolProperties properties, ApplicationFrames applicationFrames,
			ObjectProvider<ConnectionTimingsFactory> timings) {
		return new ConnectionTrackers(properties.getStarvation().getWaitThreshold(),
				properties.getStarvation().getMaxEvents(), properties.getLongHold().getThreshold(), applicationFrames,
				timings.getIfAvailable(() -> (name, target) -> ConnectionTimings.NONE));
	}

	@Bean
	@ConditionalOnMissingBean
	DataAccessReport dbperfDataAccessReport(ListableBeanFactory beanFactory,
			ObjectProvider<HikariTuningBeanPostProcessor> tuning, Environment environment,
			ObjectProvider<JpaFactsSupplier> jpa, ObjectProvider<ConnectionTrackers> trackers) {
		HikariTuningBeanPostProcessor postProcessor = tuning.getIfAvailable();
		HikariTuning hikariTuning = (postProcessor != null) ? postProcessor.getTuning() : null;
		Binder binder = Binder.get(environment);
		Supplier<Map<String, DataSource>> dataSources = () -> new LinkedHashMap<>(
				beanFactory.getBeansOfType(DataSource.class, false, false));
		Supplier<List<JpaFacts>> jpaFacts = () -> {
			JpaFactsSupplier supplier = jpa.getIfAvailable();
			return (supplier != null) ? supplier.get() : List.of();
		};
		return new DataAccessReport(dataSources, hikariTuning,
				(name) -> binder.bind("spring.datasource.hikari." + kebab(name), Bindable.of(String.class)).isBound(),
				jpaFacts, trackers.getIfAvailable());
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "dbperf.pool.advisor.log-at-startup", matchIfMissing = true)
	AdvisorStartupLogger dbperfAdvisorStartupLogger(ObjectProvider<DataAccessReport> report,
			ObjectProvider<RuleSettings> settings) {
		return new AdvisorStartupLogger(report, settings);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "dbperf.pool.history.enabled", matchIfMissing = true)
	PoolHistory dbperfPoolHistory(PoolProperties properties) {
		PoolProperties.History history = properties.getHistory();
		if (history.getRetention().compareTo(history.getInterval()) < 0
				|| PoolHistory.capacity(history.getInterval(), history.getRetention()) > PoolHistory.MAX_SAMPLES) {
			throw new InvalidDbperfPropertyException("dbperf.pool.history.retention",
					PropertyChecks.format(history.getRetention()),
					"a duration from dbperf.pool.history.interval (" + PropertyChecks.format(history.getInterval())
							+ ") to " + PoolHistory.MAX_SAMPLES + " times it");
		}
		return new PoolHistory(history.getInterval(), history.getRetention());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(PoolHistory.class)
	PoolHistorySampler dbperfPoolHistorySampler(PoolHistory history, ListableBeanFactory beanFactory) {
		return new PoolHistorySampler(history, () -> {
			Map<String, HikariDataSource> pools = new LinkedHashMap<>();
			beanFactory.getBeansOfType(DataSource.class, false, false).forEach((name, dataSource) -> {
				HikariDataSource hikari = DataSourceUnwrapper.unwrap(dataSource, HikariConfigMXBean.class,
						HikariDataSource.class);
				if (hikari != null) {
					pools.put(name, hikari);
				}
			});
			return pools;
		});
	}

	private static String kebab(String camelCase) {
		return camelCase.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MicrometerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ConnectionTimingsFactory dbperfConnectionTimingsFactory(ObjectProvider<MeterRegistry> registry) {
			return (name,
					target) -> (DataSourceUnwrapper.unwrap(target, HikariConfigMXBean.class,
							HikariDataSource.class) != null) ? ConnectionTimings.NONE
									: new MicrometerConnectionTimings(registry, name);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ EntityManagerFactory.class, HibernatePropertiesCustomizer.class })
	static class HibernateConfiguration {

		@Bean
		@ConditionalOnBooleanProperty(name = "dbperf.pool.tuning.enabled", matchIfMissing = true)
		HibernatePropertiesCustomizer dbperfHibernatePropertiesCustomizer(PoolProperties properties) {
			// Runs after the application's spring.jpa.properties.*, which therefore win
			boolean disableAutoCommit = properties.getTuning().isDisableAutoCommit();
			return (hibernateProperties) -> HibernateTuning.applyTo(hibernateProperties, disableAutoCommit);
		}

		@Bean
		JpaFactsSupplier dbperfJpaFacts(ListableBeanFactory beanFactory, Environment environment) {
			return new JpaFactsSupplier(beanFactory, environment);
		}

	}

}
