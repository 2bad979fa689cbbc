package io.github.dbperf.autoconfigure.jdbc;

import javax.sql.DataSource;

import io.github.dbperf.jdbc.DataSourceWrapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

/**
 * Puts every DataSource bean behind dbperf's {@link DataSourceWrapper}, after all
 * initialization so the pool is fully configured.
 *
 * @author dbperf
 * @since 0.1.0
 */
class DataSourceWrappingBeanPostProcessor implements BeanPostProcessor, Ordered {

	private final ObjectProvider<DataSourceWrapper> wrapper;

	DataSourceWrappingBeanPostProcessor(ObjectProvider<DataSourceWrapper> wrapper) {
		this.wrapper = wrapper;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource dataSource) {
			return this.wrapper.getObject().wrap(beanName, dataSource);
		}
		return bean;
	}

	// Runs after most post-processors, so anything they add is inside the wrapper
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 20;
	}

}
