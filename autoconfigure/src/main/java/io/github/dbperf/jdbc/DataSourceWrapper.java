package io.github.dbperf.jdbc;

import java.util.Set;

import javax.sql.DataSource;

import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.proxy.NanoTimeStopwatchFactory;
import net.ttddyy.dsproxy.proxy.ProxyConfig;
import net.ttddyy.dsproxy.support.ProxyDataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

/**
 * Wraps DataSources with datasource-proxy, once, and leaves alone the ones that must not
 * be wrapped: a DataSource whose delegate chain already holds dbperf's wrapper is never
 * wrapped again, so each statement is captured exactly once whatever sits on top.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class DataSourceWrapper {

	private final QueryExecutionListener queryListener;

	private final ConnectionEventsFactory connectionEvents;

	private final Set<String> excludedBeans;

	/**
	 * Create a new wrapper.
	 * @param queryListener receives every executed statement
	 * @param connectionEvents creates the connection observer of each DataSource
	 * @param excludedBeans bean names never to wrap
	 */
	public DataSourceWrapper(QueryExecutionListener queryListener, ConnectionEventsFactory connectionEvents,
			Set<String> excludedBeans) {
		this.queryListener = queryListener;
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
		ProxyDataSource proxy = ProxyDataSourceBuilder.create(dataSource)
			.name(beanName)
			.listener(listenerFor(dataSource))
			.connectionIdManager(this.connectionEvents.create(beanName, dataSource))
			.build();
		proxy.setProxyConfig(ProxyConfig.Builder.from(proxy.getProxyConfig())
			.stopwatchFactory(new NanoTimeStopwatchFactory())
			.build());
		return new DbperfDataSource(beanName, dataSource, proxy,
				(ConnectionEvents) proxy.getProxyConfig().getConnectionIdManager());
	}

	private QueryExecutionListener listenerFor(DataSource dataSource) {
		return (this.queryListener instanceof CaptureListener capture)
				? capture.forDialect(DataSourceDialects.detect(dataSource)) : this.queryListener;
	}

	boolean shouldWrap(String beanName, DataSource dataSource) {
		if (this.excludedBeans.contains(beanName) || beanName.startsWith("scopedTarget.")) {
			return false;
		}
		if (CapturedDataSources.find(dataSource) != null) {
			return false;
		}
		// Targets that are beans are wrapped themselves: wrapping the router as well
		// would
		// capture their statements twice
		return !(dataSource instanceof AbstractRoutingDataSource routing)
				|| !CapturedDataSources.hasCapturedTarget(routing);
	}

}
