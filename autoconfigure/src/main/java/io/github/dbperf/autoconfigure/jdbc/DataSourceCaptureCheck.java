package io.github.dbperf.autoconfigure.jdbc;

import java.util.Set;

import javax.sql.DataSource;

import io.github.dbperf.jdbc.CapturedDataSources;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

/**
 * Says at startup, once per DataSource bean, when dbperf captures none of its statements,
 * and what would let it.
 *
 * @author dbperf
 * @since 0.1.0
 */
class DataSourceCaptureCheck implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(DataSourceCaptureCheck.class);

	private final ListableBeanFactory beanFactory;

	private final Set<String> excludedBeans;

	DataSourceCaptureCheck(ListableBeanFactory beanFactory, Set<String> excludedBeans) {
		this.beanFactory = beanFactory;
		this.excludedBeans = excludedBeans;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.beanFactory.getBeansOfType(DataSource.class, false, false).forEach((name, dataSource) -> {
			if (!CapturedDataSources.isCaptured(dataSource)) {
				logger.warn(message(name, dataSource));
			}
		});
	}

	private String message(String name, DataSource dataSource) {
		String prefix = "dbperf captures no statements of DataSource '" + name
				+ "' (no slow queries, N+1 selects or connection holders for it): ";
		if (this.excludedBeans.contains(name)) {
			return prefix + "it is listed in dbperf.jdbc.exclude-beans. Remove it from that property to capture it.";
		}
		if (dataSource instanceof AbstractRoutingDataSource) {
			return prefix + "it routes to DataSources of which only some are captured. Declare each target as a bean "
					+ "and leave none of them in dbperf.jdbc.exclude-beans.";
		}
		return prefix + "it was created before dbperf's post-processor could wrap it (Spring logs it as "
				+ "'not eligible for getting processed by all BeanPostProcessors'). Keep it out of the dependencies "
				+ "of BeanPostProcessors and leave it out of dbperf.jdbc.exclude-beans.";
	}

}
