package io.github.dbperf.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.github.dbperf.context.DbperfFailures;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The DataSource dbperf puts in place of an application's: it times how long callers wait
 * for each connection and hands it out wrapped, so every statement run on it is captured,
 * while the original DataSource stays reachable as the target (so
 * {@code DataSourceUnwrapper}, pool metrics and health keep working).
 *
 * @author dbperf
 * @since 0.1.0
 */
public class DbperfDataSource extends DelegatingDataSource {

	private final String name;

	private final CaptureListener capture;

	private final ConnectionEvents connectionEvents;

	/**
	 * Create a new instance.
	 * @param name the DataSource bean name
	 * @param target the application's DataSource
	 * @param capture receives every statement run on the DataSource's connections
	 * @param connectionEvents observes connection hand-out and return
	 */
	public DbperfDataSource(String name, DataSource target, CaptureListener capture,
			ConnectionEvents connectionEvents) {
		super(target);
		this.name = name;
		this.capture = capture;
		this.connectionEvents = connectionEvents;
	}

	@Override
	public Connection getConnection() throws SQLException {
		long start = System.nanoTime();
		boolean failed = true;
		try {
			Connection connection = wrap(obtainTargetDataSource().getConnection());
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
			Connection connection = wrap(obtainTargetDataSource().getConnection(username, password));
			failed = false;
			return connection;
		}
		finally {
			acquired(start, failed);
		}
	}

	private Connection wrap(Connection connection) {
		return new CapturingConnection(connection, this.capture, this.connectionEvents, opened());
	}

	private @Nullable Object opened() {
		try {
			return this.connectionEvents.opened();
		}
		catch (RuntimeException ex) {
			DbperfFailures.swallow("connection tracking", ex);
			return null;
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
