package io.github.dbperf.jdbc;

import net.ttddyy.dsproxy.ConnectionIdManager;

/**
 * Observes connections of one wrapped DataSource: their hand-out and return (through
 * datasource-proxy's connection ids) and how long callers waited for them.
 *
 * @author dbperf
 * @since 0.1.0
 */
public interface ConnectionEvents extends ConnectionIdManager {

	/**
	 * Called after a caller obtained a connection or gave up waiting.
	 * @param waitedNanos how long it waited
	 * @param failed whether it ended without a connection
	 */
	void acquired(long waitedNanos, boolean failed);

}
