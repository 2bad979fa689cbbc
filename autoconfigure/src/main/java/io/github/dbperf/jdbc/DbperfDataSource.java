package io.github.dbperf.jdbc;

import io.github.dbperf.context.DbperfFailures;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The DataSource dbperf puts in place of an application's: connections come through
 * datasource-proxy, while the original DataSource stays reachable as the target (so
 * {@code DataSourceUnwrapper}, pool metrics and health keep working).
 *
 * @author dbperf
 * @since 0.1.0
 */
public class DbperfDataSource extends DelegatingDataSource {

	private final String name;

	private final DataSource proxy;

	private final ConnectionEvents connectionEvents;

	/**
	 * Create a new instance.
	 * @param name the DataSource bean name
	 * @param target the application's DataSource
	 * @param proxy the datasource-proxy wrapper around the target
	 * @param connectionEvents observes connection hand-out and return
	 */
	public DbperfDataSource(String name, DataSource target, DataSource proxy, ConnectionEvents connectionEvents) {
		super(target);
		this.name = name;
		this.proxy = proxy;
		this.connectionEvents = connectionEvents;
	}

	@Override
	public Connection getConnection() throws SQLException {
		long start = System.nanoTime();
		boolean failed = true;
		try {
			Connection connection = this.proxy.getConnection();
			failed = false;
			return connection;
		}
		finally {
			acquired(start, failed);
		}
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		long start = System.nanoTime();
		boolean failed = true;
		try {
			Connection connection = this.proxy.getConnection(username, password);
			failed = false;
			return connection;
		}
		finally {
			acquired(start, failed);
		}
	}

	private void acquired(long start, boolean failed) {
		try {
			this.connectionEvents.acquired(System.nanoTime() - start, failed);
		}
		catch (RuntimeException ex) {
			DbperfFailures.swallow("connection tracking", ex);
		}
	}

	/**
	 * Return the DataSource bean name.
	 * @return the name
	 */
	public String getName() {
		return this.name;
	}

	@Override
	public String toString() {
		return "DbperfDataSource[" + this.name + " -> " + getTargetDataSource() + "]";
	}

}
