package io.github.dbperf.autoconfigure.pool;

import java.util.Map;

import io.github.dbperf.pool.HibernateTuning;

import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;

/**
 * Adds {@link HibernateTuning} to the Hibernate properties, after the application's
 * {@code spring.jpa.properties.*} so those win.
 *
 * @author dbperf
 * @since 0.1.0
 */
class HibernateTuningCustomizer implements HibernatePropertiesCustomizer {

	private final boolean disableAutoCommit;

	HibernateTuningCustomizer(boolean disableAutoCommit) {
		this.disableAutoCommit = disableAutoCommit;
	}

	@Override
	public void customize(Map<String, Object> hibernateProperties) {
		HibernateTuning.applyTo(hibernateProperties, this.disableAutoCommit);
	}

}
