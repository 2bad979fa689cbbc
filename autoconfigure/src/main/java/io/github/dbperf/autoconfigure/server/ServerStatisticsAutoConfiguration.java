package io.github.dbperf.autoconfigure.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.github.dbperf.advisor.CatalogChecks;
import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.rules.RuleSettings;
import io.github.dbperf.server.ServerStatistics;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the database's own statement statistics, shown beside each
 * fingerprint by the slowqueries endpoint, and for the catalog checks, whose findings the
 * dbperf endpoint shows.
 *
 * @author dbperf
 * @since 0.2.0
 */
@AutoConfiguration(after = DbperfAutoConfiguration.class)
@ConditionalOnClass(DataSource.class)
@ConditionalOnBooleanProperty(name = "dbperf.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ ServerStatisticsProperties.class, CatalogProperties.class })
public final class ServerStatisticsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "dbperf.server-statistics.enabled", matchIfMissing = true)
	ServerStatistics dbperfServerStatistics(ListableBeanFactory beanFactory, ServerStatisticsProperties properties) {
		return new ServerStatistics(dataSources(beanFactory), properties.getMaxAge(), properties.getMaxRows(),
				properties.getStatementTimeout());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "dbperf.catalog.enabled", matchIfMissing = true)
	CatalogChecks dbperfCatalogChecks(ListableBeanFactory beanFactory, CatalogProperties properties,
			ObjectProvider<RuleSettings> settings) {
		return new CatalogChecks(dataSources(beanFactory), properties.getRefreshInterval(), properties.getMaxRows(),
				properties.getStatementTimeout(), () -> settings.getIfAvailable(RuleSettings::defaults));
	}

	private static Supplier<Map<String, DataSource>> dataSources(ListableBeanFactory beanFactory) {
		return () -> new LinkedHashMap<>(beanFactory.getBeansOfType(DataSource.class, false, false));
	}

}
