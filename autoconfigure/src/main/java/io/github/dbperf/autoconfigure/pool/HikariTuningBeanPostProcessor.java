package io.github.dbperf.autoconfigure.pool;

import com.zaxxer.hikari.HikariDataSource;
import io.github.dbperf.pool.HikariTuner;
import io.github.dbperf.pool.HikariTuning;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.Environment;

/**
 * Applies tuned defaults to every {@link HikariDataSource} bean before Spring Boot binds
 * {@code spring.datasource.hikari.*} onto it, so the application's values always win.
 *
 * @author dbperf
 * @since 0.1.0
 */
public class HikariTuningBeanPostProcessor implements BeanPostProcessor, PriorityOrdered, EnvironmentAware {

	private HikariTuner tuner = new HikariTuner(tuning(new PoolProperties()));

	@Override
	public void setEnvironment(Environment environment) {
		PoolProperties properties = Binder.get(environment).bindOrCreate("dbperf.pool", PoolProperties.class);
		this.tuner = new HikariTuner(tuning(properties));
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource dataSource) {
			this.tuner.beforeBinding(dataSource, beanName);
		}
		return bean;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource dataSource) {
			this.tuner.afterBinding(dataSource);
		}
		return bean;
	}

	// Runs before ConfigurationPropertiesBindingPostProcessor (HIGHEST_PRECEDENCE + 1)
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	/**
	 * Return the tuner, which knows what was applied to each pool.
	 * @return the tuner
	 */
	public HikariTuner getTuner() {
		return this.tuner;
	}

	private static HikariTuning tuning(PoolProperties properties) {
		PoolProperties.Tuning tuning = properties.getTuning();
		return new HikariTuning(tuning.getConnectionTimeout(), tuning.getKeepaliveTime(), tuning.getMaxLifetime(),
				tuning.getLeakDetectionThreshold(), tuning.isDisableAutoCommit());
	}

}
