package io.github.dbperf.autoconfigure.jdbc;

import javax.sql.DataSource;

import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.query.QueryProperties;
import io.github.dbperf.jdbc.CaptureListener;
import io.github.dbperf.jdbc.ConnectionEvents;
import io.github.dbperf.jdbc.ConnectionEventsFactory;
import io.github.dbperf.jdbc.DataSourceWrapper;
import io.github.dbperf.context.StartupPhase;
import io.github.dbperf.jdbc.StatementListener;
import io.github.dbperf.sql.SqlFingerprinter;
import net.ttddyy.dsproxy.support.ProxyDataSource;

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

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that wraps every DataSource with datasource-proxy.
 *
 * @author dbperf
 * @since 0.1.0
 */
@AutoConfiguration(after = DbperfAutoConfiguration.class)
@ConditionalOnClass({ DataSource.class, ProxyDataSource.class })
@ConditionalOnBooleanProperty(name = "dbperf.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "dbperf.jdbc.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ JdbcCaptureProperties.class, QueryProperties.class })
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
	SqlFingerprinter dbperfSqlFingerprinter(QueryProperties properties) {
		return new SqlFingerprinter(properties.getFingerprintCacheMaxSize().toBytes());
	}

	@Bean
	@ConditionalOnMissingBean
	DataSourceWrapper dbperfDataSourceWrapper(JdbcCaptureProperties properties, QueryProperties queryProperties,
			SqlFingerprinter fingerprinter, ObjectProvider<StatementListener> listeners,
			ObjectProvider<ConnectionEventsFactory> connectionEvents, ObjectProvider<StartupPhase> startupPhase) {
		ConnectionEventsFactory factory = connectionEvents
			.getIfAvailable(() -> (name, target) -> new NoConnectionEvents());
		CaptureListener captureListener = new CaptureListener(fingerprinter, listeners.orderedStream().toList(),
				queryProperties.isCaptureParameters(), startupPhase.getIfAvailable(StartupPhase::none));
		return new DataSourceWrapper(captureListener, factory, properties.getExcludeBeans());
	}

	private static final class NoConnectionEvents extends net.ttddyy.dsproxy.proxy.DefaultConnectionIdManager
			implements ConnectionEvents {

		@Override
		public void acquired(long waitedNanos, boolean failed) {
		}

	}

}
