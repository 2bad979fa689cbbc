package io.github.dbperf.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;

import io.github.dbperf.context.DbperfFailures;
import io.github.dbperf.context.UnitOfWorkContext;

/**
 * A query's result inside a unit of work that counts the rows the application reads with
 * {@link #next()} and tells the unit once, when the result is read to its end or closed.
 * Every other method goes to the driver.
 *
 * @author dbperf
 * @since 0.2.0
 */
final class CountingResultSet extends ResultSetDelegate {

	private final UnitOfWorkContext.Unit unit;

	private final String sql;

	private int rows;

	private boolean reported;

	CountingResultSet(ResultSet delegate, UnitOfWorkContext.Unit unit, String sql) {
		super(delegate);
		this.unit = unit;
		this.sql = sql;
	}

	/**
	 * Return the result to hand to the application: counted when the thread's unit of
	 * work counts rows, otherwise the driver's own.
	 * @param resultSet the driver's result
	 * @param sql the query's SQL text
	 * @return the result
	 */
	static ResultSet of(ResultSet resultSet, String sql) {
		UnitOfWorkContext.Unit unit = UnitOfWorkContext.current();
		return (unit != null && unit.countsRows()) ? new CountingResultSet(resultSet, unit, sql) : resultSet;
	}

	@Override
	public boolean next() throws SQLException {
		boolean next = this.delegate.next();
		if (!next) {
			report();
		}
		else if (this.rows != Integer.MAX_VALUE) {
			this.rows++;
		}
		return next;
	}

	@Override
	public void close() throws SQLException {
		try {
			this.delegate.close();
		}
		finally {
			report();
		}
	}

	private void report() {
		if (this.reported) {
			return;
		}
		this.reported = true;
		try {
			this.unit.rowsRead(this.sql, this.rows);
		}
		catch (RuntimeException ex) {
			DbperfFailures.swallow("row counting", ex);
		}
	}

	@Override
	public <T> T unwrap(Class<T> iface) throws SQLException {
		return Unwrapping.unwrap(this, this.delegate, iface);
	}

	@Override
	public boolean isWrapperFor(Class<?> iface) throws SQLException {
		return Unwrapping.isWrapperFor(this, this.delegate, iface);
	}

	@Override
	public String toString() {
		return "dbperf " + this.delegate;
	}

}
