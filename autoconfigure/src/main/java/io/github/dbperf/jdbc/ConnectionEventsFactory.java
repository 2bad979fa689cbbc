package io.github.dbperf.jdbc;

import javax.sql.DataSource;

/**
 * Creates the {@link ConnectionEvents} observer of each wrapped DataSource.
 *
 * @author dbperf
 * @since 0.1.0
 */
@FunctionalInterface
public interface ConnectionEventsFactory {

	/**
	 * Create the observer for one DataSource.
	 * @param beanName the DataSource bean name
	 * @param target the application's DataSource
	 * @return the observer
	 */
	ConnectionEvents create(String beanName, DataSource target);

}
