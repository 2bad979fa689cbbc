package io.github.dbperf.jdbc;

import java.util.Set;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

/**
 * Wraps DataSources in a {@link DbperfDataSource}, once, and leaves alone the ones that
 * must not be wrapped: a DataSource whose delegate chain already holds dbperf's wrapper
 * is never wrapped again, so each statement is captured exactly once whatever sits on
 * top.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class DataSourceWrapper {

	private final CaptureListener capture;

	private final ConnectionEventsFactory connectionEvents;

	private final Set<String> excludedBeans;

	/**
	 * Create a new wrapper.
	 * @param capture receives every executed statement
	 * @param connectionEvents creates the connection observer of each DataSource
	 * @param excludedBeans bean names never to wrap
	 */
	public DataSourceWrapper(CaptureListener capture, ConnectionEventsFactory connectionEvents,
			Set<String> excludedBeans) {
		this.capture = capture;
		this.connectionEvents = connectionEvents;
		this.excludedBeans = excludedBeans;
	}

	/**
	 * Wrap a DataSource unless it must be left alone.
	 * @param beanName the bean name
	 * @param dataSource the DataSource
	 * @return the wrapper, or the DataSource itself
	 */
	public DataSource wrap(String beanName, DataSource dataSource) {
		if (!shouldWrap(beanName, dataSource)) {
			return dataSource;
		}
		return new DbperfDataSource(beanName, dataSource,
				this.capture.forDataSource(beanName, DataSourceDialects.detect(dataSource)),
				this.connectionEvents.create(beanName, dataSource));
	}

	boolean shouldWrap(String beanName, DataSource dataSource) {
		if (this.excludedBeans.contains(beanName) || beanName.startsWith("scopedTarget.")) {
			return false;
		}
		if (CapturedDataSources.find(dataSource) != null) {
			return false;
		}
		// Targets that are beans are wrapped themselves: wrapping the router as well
		// would capture their statements twice
		return !(dataSource instanceof AbstractRoutingDataSource routing)
				|| !CapturedDataSources.hasCapturedTarget(routing);
	}

}
