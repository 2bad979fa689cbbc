package io.github.dbperf.autoconfigure.pool;

import com.zaxxer.hikari.HikariDataSource;
import io.github.dbperf.pool.HikariTuning;

import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.Environment;

/**
 * Applies {@link HikariTuning} to every {@link HikariDataSource} bean before Spring Boot
 * binds {@code spring.datasource.hikari.*} onto it, so the application's values always
 * win.
 *
 * @author dbperf
 * @since 0.1.0
 */
class HikariTuningBeanPostProcessor implements BeanPostProcessor, PriorityOrdered, EnvironmentAware {

	private HikariTuning tuning = tuning(new PoolProperties());

	@Override
	public void setEnvironment(Environment environment) {
		this.tuning = tuning(Binder.get(environment).bindOrCreate("dbperf.pool", PoolProperties.class));
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource dataSource) {
			// A scoped pool is the target of a proxy registered under the original name
			String name = ScopedProxyUtils.isScopedTarget(beanName) ? ScopedProxyUtils.getOriginalBeanName(beanName)
					: beanName;
			this.tuning.beforeBinding(dataSource, name);
		}
		return bean;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource dataSource) {
			this.tuning.afterBinding(dataSource);
		}
		return bean;
	}

	// Runs before ConfigurationPropertiesBindingPostProcessor (HIGHEST_PRECEDENCE + 1)
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	/**
	 * Return the tuning, which knows what was applied to each pool.
	 * @return the tuning
	 */
	HikariTuning getTuning() {
		return this.tuning;
	}

	private static HikariTuning tuning(PoolProperties properties) {
		PoolProperties.Tuning tuning = properties.getTuning();
		return new HikariTuning(tuning.getConnectionTimeout(), tuning.getKeepaliveTime(), tuning.getMaxLifetime(),
				tuning.getLeakDetectionThreshold(), tuning.isDisableAutoCommit());
	}

}
