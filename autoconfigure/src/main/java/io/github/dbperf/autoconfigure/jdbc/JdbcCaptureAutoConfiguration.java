package io.github.dbperf.autoconfigure.jdbc;

import javax.sql.DataSource;

import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.context.StartupPhase;
import io.github.dbperf.jdbc.CaptureListener;
import io.github.dbperf.jdbc.ConnectionEvents;
import io.github.dbperf.jdbc.ConnectionEventsFactory;
import io.github.dbperf.jdbc.DataSourceWrapper;
import io.github.dbperf.jdbc.StatementListener;
import io.github.dbperf.rules.RuleSettings;
import io.github.dbperf.sql.SqlFingerprinter;
import io.github.dbperf.sql.SqlRules;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that wraps every DataSource in dbperf's capturing wrapper.
 *
 * @author dbperf
 * @since 0.1.0
 */
@AutoConfiguration(after = DbperfAutoConfiguration.class)
@ConditionalOnClass({ DataSource.class, DelegatingDataSource.class })
@ConditionalOnBooleanProperty(name = "dbperf.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "dbperf.jdbc.enabled", matchIfMissing = true)
@EnableConfigurationProperties(JdbcCaptureProperties.class)
public final class JdbcCaptureAutoConfiguration {

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static DataSourceWrappingBeanPostProcessor dbperfDataSourceWrappingBeanPostProcessor(
			ObjectProvider<DataSourceWrapper> wrapper) {
		return new DataSourceWrappingBeanPostProcessor(wrapper);
	}

	@Bean
	DataSourceCaptureCheck dbperfDataSourceCaptureCheck(ListableBeanFactory beanFactory,
			JdbcCaptureProperties properties) {
		return new DataSourceCaptureCheck(beanFactory, properties.getExcludeBeans());
	}

	@Bean
	@ConditionalOnMissingBean
	SqlFingerprinter dbperfSqlFingerprinter(JdbcCaptureProperties properties, Environment environment,
			ObjectProvider<RuleSettings> ruleSettings) {
		RuleSettings settings = ruleSettings.getIfAvailable(RuleSettings::defaults);
		JdbcCaptureProperties.SqlRules thresholds = properties.getSqlRules();
		SqlRules rules = new SqlRules(thresholds.getMaxInListSize(), thresholds.getMaxOffset(), settings::isEnabled);
		return new SqlFingerprinter(CaptureSettings.of(properties, environment).fingerprintCacheMaxSize().toBytes(),
				rules);
	}

	@Bean
	@ConditionalOnMissingBean
	DataSourceWrapper dbperfDataSourceWrapper(JdbcCaptureProperties properties, Environment environment,
			SqlFingerprinter fingerprinter, ObjectProvider<StatementListener> listeners,
			ObjectProvider<ConnectionEventsFactory> connectionEvents, ObjectProvider<StartupPhase> startupPhase,
			ObjectProvider<PlanValuesThreshold> planValues) {
		PlanValuesThreshold planValuesThreshold = planValues.getIfAvailable();
		CaptureListener captureListener = new CaptureListener(fingerprinter, listeners.orderedStream().toList(),
				CaptureSettings.of(properties, environment).captureParameters(),
				startupPhase.getIfAvailable(StartupPhase::none),
				(planValuesThreshold != null) ? planValuesThreshold.threshold() : null);
		return new DataSourceWrapper(captureListener,
				connectionEvents.getIfAvailable(() -> (name, target) -> ConnectionEvents.NONE),
				properties.getExcludeBeans());
	}

}
