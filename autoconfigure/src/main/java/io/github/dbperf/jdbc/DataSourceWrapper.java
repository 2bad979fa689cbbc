package io.github.dbperf.jdbc;

import java.util.Set;

import javax.sql.DataSource;

import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.proxy.NanoTimeStopwatchFactory;
import net.ttddyy.dsproxy.proxy.ProxyConfig;
import net.ttddyy.dsproxy.support.ProxyDataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

/**
 * Wraps DataSources with datasource-proxy, once, and leaves alone the ones that must not
 * be wrapped.
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
		return !isWrapped(dataSource) && !(dataSource instanceof LazyConnectionDataSourceProxy)
				&& !(dataSource instanceof AbstractRoutingDataSource);
	}

	private static boolean isWrapped(@Nullable DataSource dataSource) {
		if (dataSource == null) {
			return false;
		}
		if (dataSource instanceof DbperfDataSource || dataSource instanceof ProxyDataSource) {
			return true;
		}
		try {
			if (dataSource.isWrapperFor(ProxyDataSource.class)) {
				return true;
			}
		}
		catch (Exception ex) {
			// Not a wrapper we can ask
		}
		return (dataSource instanceof DelegatingDataSource delegating) && isWrapped(delegating.getTargetDataSource());
	}

}
