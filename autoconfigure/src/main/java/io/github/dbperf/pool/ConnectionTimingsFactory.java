package io.github.dbperf.pool;

import javax.sql.DataSource;

/**
 * Creates the {@link ConnectionTimings} of a DataSource.
 *
 * @author dbperf
 * @since 0.1.0
 */
@FunctionalInterface
public interface ConnectionTimingsFactory {

	/**
	 * Create the timings of one DataSource.
	 * @param beanName the DataSource bean name
	 * @param target the application's DataSource
	 * @return the timings
	 */
	ConnectionTimings create(String beanName, DataSource target);

}
