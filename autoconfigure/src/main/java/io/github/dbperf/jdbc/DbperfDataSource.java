package io.github.dbperf.jdbc;

import java.sql.Connection;
import java.sql.ConnectionBuilder;
import java.sql.SQLException;
import java.sql.ShardingKey;

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
		Connection connection;
		try {
			connection = obtainTargetDataSource().getConnection();
		}
		catch (SQLException | RuntimeException | Error ex) {
			acquired(System.nanoTime() - start, true);
			throw ex;
		}
		return wrap(connection, start);
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		long start = System.nanoTime();
		Connection connection;
		try {
			connection = obtainTargetDataSource().getConnection(username, password);
		}
		catch (SQLException | RuntimeException | Error ex) {
			acquired(System.nanoTime() - start, true);
			throw ex;
		}
		return wrap(connection, start);
	}

	@Override
	public ConnectionBuilder createConnectionBuilder() throws SQLException {
		return new CapturingConnectionBuilder(obtainTargetDataSource().createConnectionBuilder());
	}

	// One clock read ends the wait and starts the hold
	private Connection wrap(Connection connection, long start) {
		long now = System.nanoTime();
		acquired(now - start, false);
		return new CapturingConnection(connection, this.capture, this.connectionEvents, opened(now));
	}

	private @Nullable Object opened(long nanoTime) {
		try {
			return this.connectionEvents.opened(nanoTime);
		}
		catch (RuntimeException ex) {
			DbperfFailures.swallow("connection tracking", ex);
			return null;
		}
	}

	private void acquired(long waitedNanos, boolean failed) {
		try {
			this.connectionEvents.acquired(waitedNanos, failed);
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

	/**
	 * The target's connection builder, whose connections are handed out as
	 * {@link #getConnection()} hands out the target's.
	 */
	private final class CapturingConnectionBuilder implements ConnectionBuilder {

		private final ConnectionBuilder delegate;

		CapturingConnectionBuilder(ConnectionBuilder delegate) {
			this.delegate = delegate;
		}

		@Override
		public ConnectionBuilder user(String username) {
			this.delegate.user(username);
			return this;
		}

		@Override
		public ConnectionBuilder password(String password) {
			this.delegate.password(password);
			return this;
		}

		@Override
		public ConnectionBuilder shardingKey(ShardingKey shardingKey) {
			this.delegate.shardingKey(shardingKey);
			return this;
		}

		@Override
		public ConnectionBuilder superShardingKey(ShardingKey superShardingKey) {
			this.delegate.superShardingKey(superShardingKey);
			return this;
		}

		@Override
		public Connection build() throws SQLException {
			long start = System.nanoTime();
			Connection connection;
			try {
				connection = this.delegate.build();
			}
			catch (SQLException | RuntimeException | Error ex) {
				acquired(System.nanoTime() - start, true);
				throw ex;
			}
			return wrap(connection, start);
		}

	}

}
