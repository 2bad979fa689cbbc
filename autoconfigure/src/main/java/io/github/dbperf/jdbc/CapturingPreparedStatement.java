package io.github.dbperf.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;

import io.github.dbperf.context.DbperfFailures;
import org.jspecify.annotations.Nullable;

/**
 * A driver's prepared statement that times each execution and notes each bound value: for
 * the parameter hash that tells N+1 repeats apart (primitives are hashed without boxing,
 * objects hashed only when a consumer asks) and, when parameter capture is on, for the
 * values themselves. Without parameter capture no stream, reader, LOB or byte array is
 * kept: it is hashed when bound, and closing the statement lets go of every value.
 *
 * @param <S> the type of the driver's statement
 * @author dbperf
 * @since 0.2.0
 */
class CapturingPreparedStatement<S extends PreparedStatement> extends PreparedStatementDelegate<S>
		implements StatementParameters {

	// Parameter indexes above this are passed to the driver but not noted
	private static final int MAX_NOTED_INDEX = 65_536;

	private static final long[] NO_HASHES = {};

	private static final Object[] NO_VALUES = {};

	private final String sql;

	private final boolean capturing;

	// Per parameter index: a primitive's bits when values holds its kind, otherwise the
	// hash of what was not kept
	private long[] hashes = NO_HASHES;

	// Per parameter index: the bound object; the boxed primitive when capturing,
	// otherwise the primitive's kind, so that it is not boxed on each bind and can still
	// be read out when a slow execution's values are asked for
	private @Nullable Object[] values = NO_VALUES;

	private int count;

	private int batchSize;

	private long batchHash = 17;

	private @Nullable List<List<Object>> batchValues;

	CapturingPreparedStatement(S delegate, CapturingConnection connection, String sql) {
		super(delegate, connection);
		this.sql = sql;
		this.capturing = connection.capture.capturesParameters();
	}

	@Override
	public ResultSet executeQuery() throws SQLException {
		long start = System.nanoTime();
		boolean success = false;
		try {
			ResultSet resultSet = this.delegate.executeQuery();
			success = true;
			return CountingResultSet.of(resultSet, this.sql);
		}
		finally {
			executed(start, success, -1);
		}
	}

	@Override
	public int executeUpdate() throws SQLException {
		long start = System.nanoTime();
		boolean success = false;
		long rows = -1;
		try {
			int count = this.delegate.executeUpdate();
			rows = count;
			success = true;
			return count;
		}
		finally {
			executed(start, success, rows);
		}
	}

	@Override
	public long executeLargeUpdate() throws SQLException {
		long start = System.nanoTime();
		boolean success = false;
		long rows = -1;
		try {
			rows = this.delegate.executeLargeUpdate();
			success = true;
			return rows;
		}
		finally {
			executed(start, success, rows);
		}
	}

	@Override
	public boolean execute() throws SQLException {
		long start = System.nanoTime();
		boolean success = false;
		try {
			boolean resultSet = this.delegate.execute();
			success = true;
			return resultSet;
		}
		finally {
			executed(start, success, -1);
		}
	}

	private void executed(long start, boolean success, long rows) {
		this.connection.capture.executed(this.connection, this.sql, start, success, rows, this);
	}

	@Override
	public void addBatch() throws SQLException {
		this.delegate.addBatch();
		this.batchSize++;
		// The driver took the row: the application's hashCode() or toString() failing
		// here must not undo that for the caller
		try {
			if (CaptureListener.wantsParameterHash()) {
				this.batchHash = 31 * this.batchHash + hash();
			}
			if (this.capturing) {
				List<List<Object>> sets = this.batchValues;
				if (sets == null) {
					sets = new ArrayList<>();
					this.batchValues = sets;
				}
				sets.add(currentValues());
			}
		}
		catch (RuntimeException ex) {
			DbperfFailures.swallow("statement capture", ex);
		}
	}

	@Override
	void batchExecuted(long elapsedNanos, long @Nullable [] counts) {
		if (this.batchSize == 0) {
			super.batchExecuted(elapsedNanos, counts);
			return;
		}
		boolean success = counts != null;
		long rows = (counts != null) ? sum(counts) : -1;
		StatementParameters parameters = new BatchParameters(this.batchHash,
				(this.batchValues != null) ? this.batchValues : List.of());
		int size = this.batchSize;
		resetBatch();
		this.connection.capture.executed(this.connection.delegate, this.sql, elapsedNanos, success, size, rows,
				parameters);
	}

	@Override
	void resetBatch() {
		super.resetBatch();
		this.batchSize = 0;
		this.batchHash = 17;
		this.batchValues = null;
	}

	@Override
	public void clearParameters() throws SQLException {
		this.delegate.clearParameters();
		Arrays.fill(this.values, null);
		this.count = 0;
	}

	@Override
	public void close() throws SQLException {
		try {
			this.delegate.close();
		}
		finally {
			this.values = NO_VALUES;
			this.hashes = NO_HASHES;
			this.count = 0;
			resetBatch();
		}
	}

	/**
	 * Return whether any bound value or batched parameter set is still kept.
	 * @return whether values are kept
	 */
	boolean keepsValues() {
		for (Object value : this.values) {
			if (value != null && !(value instanceof Primitive)) {
				return true;
			}
		}
		return this.batchValues != null;
	}

	@Override
	public long hash() {
		long hash = 17;
		for (int index = 1; index <= this.count; index++) {
			Object value = this.values[index];
			if (value instanceof Primitive primitive) {
				hash = 31 * hash + primitive.hash(this.hashes[index]);
			}
			else {
				hash = 31 * hash + ((value != null) ? hashOf(value) : this.hashes[index]);
			}
		}
		return hash;
	}

	@Override
	public List<List<Object>> values() {
		return List.of(currentValues());
	}

	private List<Object> currentValues() {
		List<Object> current = new ArrayList<>(this.count);
		for (int index = 1; index <= this.count; index++) {
			Object value = this.values[index];
			current.add((value instanceof Primitive primitive) ? primitive.text(this.hashes[index])
					: String.valueOf(value));
		}
		return current;
	}

	private static long hashOf(Object value) {
		if (value instanceof byte[] bytes) {
			return Arrays.hashCode(bytes);
		}
		if (value instanceof InputStream || value instanceof Reader || value instanceof Blob || value instanceof Clob
				|| value instanceof SQLXML) {
			return System.identityHashCode(value);
		}
		return value.hashCode();
	}

	private void bound(int index, @Nullable Object value) {
		if (this.capturing || !(value instanceof byte[] || value instanceof InputStream || value instanceof Reader
				|| value instanceof Blob || value instanceof Clob || value instanceof SQLXML)) {
			bound(index, 0, value);
		}
		else if (value instanceof byte[] bytes) {
			boundBytes(index, bytes);
		}
		else {
			boundContent(index, value);
		}
	}

	// A byte array may be huge: hashed now, and only when a consumer will read the hash
	private void boundBytes(int index, byte @Nullable [] bytes) {
		if (this.capturing || bytes == null) {
			bound(index, 0, bytes);
		}
		else {
			bound(index, CaptureListener.wantsParameterHash() ? Arrays.hashCode(bytes) : 0, null);
		}
	}

	// A stream, reader or LOB is read by the driver, not compared: its identity stands in
	private void boundContent(int index, @Nullable Object content) {
		if (this.capturing || content == null) {
			bound(index, 0, content);
		}
		else {
			bound(index, System.identityHashCode(content), null);
		}
	}

	private void bound(int index, long hash, @Nullable Object value) {
		if (index < 1 || index > MAX_NOTED_INDEX) {
			return;
		}
		if (index >= this.values.length) {
			int length = Math.max(index + 1, 2 * this.values.length);
			this.values = Arrays.copyOf(this.values, length);
			this.hashes = Arrays.copyOf(this.hashes, length);
		}
		this.hashes[index] = hash;
		this.values[index] = value;
		if (index > this.count) {
			this.count = index;
		}
	}

	@Override
	public void setArray(int parameterIndex, @Nullable Array x) throws SQLException {
		this.delegate.setArray(parameterIndex, x);
		bound(parameterIndex, x);
	}

	@Override
	public void setAsciiStream(int parameterIndex, @Nullable InputStream x) throws SQLException {
		this.delegate.setAsciiStream(parameterIndex, x);
		boundContent(parameterIndex, x);
	}

	@Override
	public void setAsciiStream(int parameterIndex, @Nullable InputStream x, int length) throws SQLException {
		this.delegate.setAsciiStream(parameterIndex, x, length);
		boundContent(parameterIndex, x);
	}

	@Override
	public void setAsciiStream(int parameterIndex, @Nullable InputStream x, long length) throws SQLException {
		this.delegate.setAsciiStream(parameterIndex, x, length);
		boundContent(parameterIndex, x);
	}

	@Override
	public void setBigDecimal(int parameterIndex, @Nullable BigDecimal x) throws SQLException {
		this.delegate.setBigDecimal(parameterIndex, x);
		bound(parameterIndex, x);
	}

	@Override
	public void setBinaryStream(int parameterIndex, @Nullable InputStream x) throws SQLException {
		this.delegate.setBinaryStream(parameterIndex, x);
		boundContent(parameterIndex, x);
	}

	@Override
	public void setBinaryStream(int parameterIndex, @Nullable InputStream x, int length) throws SQLException {
		this.delegate.setBinaryStream(parameterIndex, x, length);
		boundContent(parameterIndex, x);
	}

	@Override
	public void setBinaryStream(int parameterIndex, @Nullable InputStream x, long length) throws SQLException {
		this.delegate.setBinaryStream(parameterIndex, x, length);
		boundContent(parameterIndex, x);
	}

	@Override
	public void setBlob(int parameterIndex, @Nullable InputStream x) throws SQLException {
		this.delegate.setBlob(parameterIndex, x);
		boundContent(parameterIndex, x);
	}

	@Override
	public void setBlob(int parameterIndex, @Nullable InputStream x, long length) throws SQLException {
		this.delegate.setBlob(parameterIndex, x, length);
		boundContent(parameterIndex, x);
	}

	@Override
	public void setBlob(int parameterIndex, @Nullable Blob x) throws SQLException {
		this.delegate.setBlob(parameterIndex, x);
		boundContent(parameterIndex, x);
	}

	@Override
	public void setBoolean(int parameterIndex, boolean x) throws SQLException {
		this.delegate.setBoolean(parameterIndex, x);
		bound(parameterIndex, x ? 1 : 0, this.capturing ? x : Primitive.BOOLEAN);
	}

	@Override
	public void setByte(int parameterIndex, byte x) throws SQLException {
		this.delegate.setByte(parameterIndex, x);
		bound(parameterIndex, x, this.capturing ? x : Primitive.INTEGRAL);
	}

	@Override
	public void setBytes(int parameterIndex, @Nullable byte[] x) throws SQLException {
		this.delegate.setBytes(parameterIndex, x);
		boundBytes(parameterIndex, x);
	}

	@Override
	public void setCharacterStream(int parameterIndex, @Nullable Reader x) throws SQLException {
		this.delegate.setCharacterStream(parameterIndex, x);
		boundContent(parameterIndex, x);
	}

	@Override
	public void setCharacterStream(int parameterIndex, @Nullable Reader x, int length) throws SQLException {
		this.delegate.setCharacterStream(parameterIndex, x, length);
		boundContent(parameterIndex, x);
	}

	@Override
	public void setCharacterStream(int parameterIndex, @Nullable Reader x, long length) throws SQLException {
		this.delegate.setCharacterStream(parameterIndex, x, length);
		boundContent(parameterIndex, x);
	}

	@Override
	public void setClob(int parameterIndex, @Nullable Reader x) throws SQLException {
		this.delegate.setClob(parameterIndex, x);
		boundContent(parameterIndex, x);
	}

	@Override
	public void setClob(int parameterIndex, @Nullable Reader x, long length) throws SQLException {
		this.delegate.setClob(parameterIndex, x, length);
		boundContent(parameterIndex, x);
	}

	@Override
	public void setClob(int parameterIndex, @Nullable Clob x) throws SQLException {
		this.delegate.setClob(parameterIndex, x);
		boundContent(parameterIndex, x);
	}

	@Override
	public void setDate(int parameterIndex, @Nullable Date x) throws SQLException {
		this.delegate.setDate(parameterIndex, x);
		bound(parameterIndex, x);
	}

	@Override
	public void setDate(int parameterIndex, @Nullable Date x, @Nullable Calendar calendar) throws SQLException {
		this.delegate.setDate(parameterIndex, x, calendar);
		bound(parameterIndex, x);
	}

	@Override
	public void setDouble(int parameterIndex, double x) throws SQLException {
		this.delegate.setDouble(parameterIndex, x);
		bound(parameterIndex, Double.doubleToRawLongBits(x), this.capturing ? x : Primitive.DOUBLE);
	}

	@Override
	public void setFloat(int parameterIndex, float x) throws SQLException {
		this.delegate.setFloat(parameterIndex, x);
		bound(parameterIndex, Float.floatToRawIntBits(x), this.capturing ? x : Primitive.FLOAT);
	}

	@Override
	public void setInt(int parameterIndex, int x) throws SQLException {
		this.delegate.setInt(parameterIndex, x);
		bound(parameterIndex, x, this.capturing ? x : Primitive.INTEGRAL);
	}

	@Override
	public void setLong(int parameterIndex, long x) throws SQLException {
		this.delegate.setLong(parameterIndex, x);
		bound(parameterIndex, x, this.capturing ? x : Primitive.LONG);
	}

	@Override
	public void setNCharacterStream(int parameterIndex, @Nullable Reader x) throws SQLException {
		this.delegate.setNCharacterStream(parameterIndex, x);
		boundContent(parameterIndex, x);
	}

	@Override
	public void setNCharacterStream(int parameterIndex, @Nullable Reader x, long length) throws SQLException {
		this.delegate.setNCharacterStream(parameterIndex, x, length);
		boundContent(parameterIndex, x);
	}

	@Override
	public void setNClob(int parameterIndex, @Nullable Reader x) throws SQLException {
		this.delegate.setNClob(parameterIndex, x);
		boundContent(parameterIndex, x);
	}

	@Override
	public void setNClob(int parameterIndex, @Nullable Reader x, long length) throws SQLException {
		this.delegate.setNClob(parameterIndex, x, length);
		boundContent(parameterIndex, x);
	}

	@Override
	public void setNClob(int parameterIndex, @Nullable NClob x) throws SQLException {
		this.delegate.setNClob(parameterIndex, x);
		boundContent(parameterIndex, x);
	}

	@Override
	public void setNString(int parameterIndex, @Nullable String x) throws SQLException {
		this.delegate.setNString(parameterIndex, x);
		bound(parameterIndex, x);
	}

	@Override
	public void setNull(int parameterIndex, int sqlType) throws SQLException {
		this.delegate.setNull(parameterIndex, sqlType);
		bound(parameterIndex, 0, null);
	}

	@Override
	public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
		this.delegate.setNull(parameterIndex, sqlType, typeName);
		bound(parameterIndex, 0, null);
	}

	@Override
	public void setObject(int parameterIndex, @Nullable Object x) throws SQLException {
		this.delegate.setObject(parameterIndex, x);
		bound(parameterIndex, x);
	}

	@Override
	public void setObject(int parameterIndex, @Nullable Object x, int targetSqlType) throws SQLException {
		this.delegate.setObject(parameterIndex, x, targetSqlType);
		bound(parameterIndex, x);
	}

	@Override
	public void setObject(int parameterIndex, @Nullable Object x, int targetSqlType, int scaleOrLength)
			throws SQLException {
		this.delegate.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
		bound(parameterIndex, x);
	}

	@Override
	public void setObject(int parameterIndex, @Nullable Object x, SQLType targetSqlType) throws SQLException {
		this.delegate.setObject(parameterIndex, x, targetSqlType);
		bound(parameterIndex, x);
	}

	@Override
	public void setObject(int parameterIndex, @Nullable Object x, SQLType targetSqlType, int scaleOrLength)
			throws SQLException {
		this.delegate.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
		bound(parameterIndex, x);
	}

	@Override
	public void setRef(int parameterIndex, @Nullable Ref x) throws SQLException {
		this.delegate.setRef(parameterIndex, x);
		bound(parameterIndex, x);
	}

	@Override
	public void setRowId(int parameterIndex, @Nullable RowId x) throws SQLException {
		this.delegate.setRowId(parameterIndex, x);
		bound(parameterIndex, x);
	}

	@Override
	public void setSQLXML(int parameterIndex, @Nullable SQLXML x) throws SQLException {
		this.delegate.setSQLXML(parameterIndex, x);
		boundContent(parameterIndex, x);
	}

	@Override
	public void setShort(int parameterIndex, short x) throws SQLException {
		this.delegate.setShort(parameterIndex, x);
		bound(parameterIndex, x, this.capturing ? x : Primitive.INTEGRAL);
	}

	@Override
	public void setString(int parameterIndex, @Nullable String x) throws SQLException {
		this.delegate.setString(parameterIndex, x);
		bound(parameterIndex, x);
	}

	@Override
	public void setTime(int parameterIndex, @Nullable Time x) throws SQLException {
		this.delegate.setTime(parameterIndex, x);
		bound(parameterIndex, x);
	}

	@Override
	public void setTime(int parameterIndex, @Nullable Time x, @Nullable Calendar calendar) throws SQLException {
		this.delegate.setTime(parameterIndex, x, calendar);
		bound(parameterIndex, x);
	}

	@Override
	public void setTimestamp(int parameterIndex, @Nullable Timestamp x) throws SQLException {
		this.delegate.setTimestamp(parameterIndex, x);
		bound(parameterIndex, x);
	}

	@Override
	public void setTimestamp(int parameterIndex, @Nullable Timestamp x, @Nullable Calendar calendar)
			throws SQLException {
		this.delegate.setTimestamp(parameterIndex, x, calendar);
		bound(parameterIndex, x);
	}

	@Override
	public void setURL(int parameterIndex, @Nullable URL x) throws SQLException {
		this.delegate.setURL(parameterIndex, x);
		bound(parameterIndex, x);
	}

	@Override
	@Deprecated
	public void setUnicodeStream(int parameterIndex, @Nullable InputStream x, int length) throws SQLException {
		this.delegate.setUnicodeStream(parameterIndex, x, length);
		boundContent(parameterIndex, x);
	}

	/**
	 * The parameter sets of an executed batch.
	 */
	private record BatchParameters(long hash, List<List<Object>> values) implements StatementParameters {

	}

	/**
	 * The kind of a primitive bound without parameter capture, whose bits are kept
	 * instead of a boxed value; hashed like its boxed value.
	 */
	private enum Primitive {

		BOOLEAN {
			@Override
			int hash(long bits) {
				return Boolean.hashCode(bits != 0);
			}

			@Override
			String text(long bits) {
				// Read only for a plan on MySQL or MariaDB, where a boolean is the number
				// 1 or 0
				return (bits != 0) ? "1" : "0";
			}
		},

		INTEGRAL {
			@Override
			int hash(long bits) {
				return (int) bits;
			}

			@Override
			String text(long bits) {
				return Long.toString(bits);
			}
		},

		LONG {
			@Override
			int hash(long bits) {
				return Long.hashCode(bits);
			}

			@Override
			String text(long bits) {
				return Long.toString(bits);
			}
		},

		FLOAT {
			@Override
			int hash(long bits) {
				return Float.hashCode(Float.intBitsToFloat((int) bits));
			}

			@Override
			String text(long bits) {
				return Float.toString(Float.intBitsToFloat((int) bits));
			}
		},

		DOUBLE {
			@Override
			int hash(long bits) {
				return Double.hashCode(Double.longBitsToDouble(bits));
			}

			@Override
			String text(long bits) {
				return Double.toString(Double.longBitsToDouble(bits));
			}
		};

		abstract int hash(long bits);

		abstract String text(long bits);

	}

}
