package io.github.dbperf.autoconfigure.jdbc;

import javax.sql.DataSource;

import io.github.dbperf.jdbc.DataSourceWrapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

/**
 * Puts every DataSource bean behind dbperf's {@link DataSourceWrapper}, after its
 * initialization so the pool is fully configured, and before other post-processors wrap
 * it, so dbperf sits right on the pool and whatever they add sits on top.
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

	// Runs before Boot's lazy-connection post-processor (order 0) and the usual wrapping
	// ones (unordered): a wrapper they add would otherwise hide the pool from capture
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 20;
	}

}
