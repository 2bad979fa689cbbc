package io.github.dbperf.autoconfigure.cache;

import io.github.dbperf.cache.CachedQuery;
import io.github.dbperf.cache.CachedQueryOperations;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Checks every {@link CachedQuery} method when its bean is created, so that a bad time to
 * live, SpEL expression or return type stops startup naming the method.
 *
 * @author dbperf
 * @since 0.1.0
 */
final class CachedQueryValidator implements BeanPostProcessor {

	private final ObjectProvider<CachedQueryOperations> operations;

	CachedQueryValidator(ObjectProvider<CachedQueryOperations> operations) {
		this.operations = operations;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (CachedQueryOperations.hasCachedQueries(bean.getClass())) {
			this.operations.getObject().register(bean.getClass());
		}
		return bean;
	}

}
