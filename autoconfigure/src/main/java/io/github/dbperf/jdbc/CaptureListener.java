package io.github.dbperf.jdbc;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;

import io.github.dbperf.context.DbperfFailures;
import io.github.dbperf.context.RepositoryContext;
import io.github.dbperf.context.StartupPhase;
import io.github.dbperf.context.UnitOfWorkContext;
import io.github.dbperf.sql.Fingerprint;
import io.github.dbperf.sql.Operation;
import io.github.dbperf.sql.SqlDialect;
import io.github.dbperf.sql.SqlFingerprinter;
import org.jspecify.annotations.Nullable;

/**
 * Turns each execution the JDBC wrappers report into a {@link StatementEvent} and hands
 * it to every {@link StatementListener}. Each wrapped DataSource gets its own instance,
 * {@link #forDataSource(String, SqlDialect) with its name and dialect}, so statements are
 * fingerprinted by their database's rules without deciding the dialect per statement.
 * Nothing here throws into the caller: a failure is logged once and ignored.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class CaptureListener {

	private static final int MAX_DIALECT_LOOKUPS = 16;

	private static final String UNNAMED = "dataSource";

	private static final int RECENT_SLOTS = 64;

	private static final int MAX_RECENT_LENGTH = 1024;

	private final SqlFingerprinter fingerprinter;

	private final StatementListener[] listeners;

	private final boolean captureParameters;

	private final long planValuesNanos;

	private final StartupPhase startupPhase;

	private final String dataSourceName;

	private volatile @Nullable SqlDialect dialect;

	private int dialectLookups;

	// The fingerprints of recent statements by SQL text: an application sends the same
	// texts over and over, and a hit here spares the shared cache's bookkeeping
	private final @Nullable Recent[] recent = new Recent[RECENT_SLOTS];

	/**
	 * Create a new listener that takes the dialect from the first statement's connection.
	 * @param fingerprinter the fingerprinter
	 * @param listeners the consumers of statement events
	 * @param captureParameters whether bind parameters go into events
	 */
	public CaptureListener(SqlFingerprinter fingerprinter, List<StatementListener> listeners,
			boolean captureParameters) {
		this(fingerprinter, listeners, captureParameters, StartupPhase.none());
	}

	/**
	 * Create a new listener that takes the dialect from the first statement's connection
	 * and marks the statements that run while the application starts.
	 * @param fingerprinter the fingerprinter
	 * @param listeners the consumers of statement events
	 * @param captureParameters whether bind parameters go into events
	 * @param startupPhase the application's startup phase
	 */
	public CaptureListener(SqlFingerprinter fingerprinter, List<StatementListener> listeners, boolean captureParameters,
			StartupPhase startupPhase) {
		this(fingerprinter, listeners, captureParameters, startupPhase, null);
	}

	/**
	 * Create a new listener that takes the dialect from the first statement's connection,
	 * marks the statements that run while the application starts and, when parameter
	 * capture is off, holds the values of executions at least as slow as a threshold in
	 * {@link StatementEvent#planValues()}, never to be shown.
	 * @param fingerprinter the fingerprinter
	 * @param listeners the consumers of statement events
	 * @param captureParameters whether bind parameters go into events
	 * @param startupPhase the application's startup phase
	 * @param planValuesThreshold executions at least this slow get their values held for
	 * a plan, or {@code null} for none
	 * @since 0.2.0
	 */
	public CaptureListener(SqlFingerprinter fingerprinter, List<StatementListener> listeners, boolean captureParameters,
			StartupPhase startupPhase, @Nullable Duration planValuesThreshold) {
		this(fingerprinter, listeners.toArray(StatementListener[]::new), captureParameters,
				(planValuesThreshold != null) ? planValuesThreshold.toNanos() : Long.MAX_VALUE, startupPhase, UNNAMED,
				null);
	}

	private CaptureListener(SqlFingerprinter fingerprinter, StatementListener[] listeners, boolean captureParameters,
			long planValuesNanos, StartupPhase startupPhase, String dataSourceName, @Nullable SqlDialect dialect) {
		this.fingerprinter = fingerprinter;
		this.listeners = listeners;
		this.captureParameters = captureParameters;
		this.planValuesNanos = planValuesNanos;
		this.startupPhase = startupPhase;
		this.dataSourceName = dataSourceName;
		this.dialect = dialect;
	}

	/**
	 * Return a listener for one DataSource, with the same consumers.
	 * @param dataSourceName the DataSource bean name
	 * @param dialect the DataSource's dialect, or {@code null} to take it from the first
	 * statement's connection
	 * @return the listener
	 */
	public CaptureListener forDataSource(String dataSourceName, @Nullable SqlDialect dialect) {
		return new CaptureListener(this.fingerprinter, this.listeners, this.captureParameters, this.planValuesNanos,
				this.startupPhase, dataSourceName, dialect);
	}

	/**
	 * Return whether bind-parameter values go into events.
	 * @return whether parameters are captured
	 */
	boolean capturesParameters() {
		return this.captureParameters;
	}

	/**
	 * Return whether a statement run now would need its parameter hash: inside a unit of
	 * work, or while a statement recorder runs.
	 * @return whether the hash is needed
	 */
	static boolean wantsParameterHash() {
		return UnitOfWorkContext.current() != null || UnitOfWorkContext.isRecording();
	}

	/**
	 * Report one execution. Together with {@link StatementParameters}, this is the
	 * capture SPI the JDBC wrappers report through; it is public so that dbperf's
	 * benchmarks can drive it without a driver, not for applications to call.
	 * @param connection the driver's connection it ran on
	 * @param sql the SQL text
	 * @param elapsedNanos how long the driver took
	 * @param success whether the driver returned without an exception
	 * @param batchSize the number of batched executions, 0 when not a batch
	 * @param rows the rows the driver reported as affected, -1 when unknown
	 * @param parameters the bind parameters, or {@code null} for a plain statement
	 */
	public void executed(Connection connection, String sql, long elapsedNanos, boolean success, int batchSize,
			long rows, @Nullable StatementParameters parameters) {
		executed(connection, null, sql, elapsedNanos, 0, success, batchSize, rows, parameters);
	}

	/**
	 * Report one execution with the time the driver returned at, which spares consumers a
	 * clock read.
	 * @param connection the driver's connection it ran on
	 * @param sql the SQL text
	 * @param elapsedNanos how long the driver took
	 * @param endNanoTime the {@link System#nanoTime()} at which the driver returned
	 * @param success whether the driver returned without an exception
	 * @param batchSize the number of batched executions, 0 when not a batch
	 * @param rows the rows the driver reported as affected, -1 when unknown
	 * @param parameters the bind parameters, or {@code null} for a plain statement
	 * @since 0.2.0
	 */
	public void executed(Connection connection, String sql, long elapsedNanos, long endNanoTime, boolean success,
			int batchSize, long rows, @Nullable StatementParameters parameters) {
		executed(connection, null, sql, elapsedNanos, endNanoTime, success, batchSize, rows, parameters);
	}

	/**
	 * Report one execution on a dbperf connection, which knows its auto-commit mode.
	 * @param connection the dbperf connection it ran on
	 * @param sql the SQL text
	 * @param startNanoTime the {@link System#nanoTime()} at which it was sent
	 * @param success whether the driver returned without an exception
	 * @param rows the rows the driver reported as affected, -1 when unknown
	 * @param parameters the bind parameters, or {@code null} for a plain statement
	 */
	void executed(CapturingConnection connection, String sql, long startNanoTime, boolean success, long rows,
			@Nullable StatementParameters parameters) {
		long end = System.nanoTime();
		executed(connection.delegate, connection, sql, end - startNanoTime, end, success, 0, rows, parameters);
	}

	private void executed(Connection connection, @Nullable CapturingConnection capturing, String sql, long elapsedNanos,
			long endNanoTime, boolean success, int batchSize, long rows, @Nullable StatementParameters parameters) {
		try {
			RepositoryContext.Frame frame = RepositoryContext.current();
			UnitOfWorkContext.Unit unit = UnitOfWorkContext.current();
			boolean startup = this.startupPhase.isStarting();
			long parameterHash = (parameters != null && (unit != null || UnitOfWorkContext.isRecording()))
					? parameters.hash() : 0;
			List<List<Object>> values = null;
			List<List<Object>> planValues = null;
			if (parameters != null) {
				if (this.captureParameters) {
					values = parameters.values();
				}
				else if (elapsedNanos >= this.planValuesNanos) {
					planValues = parameters.values();
				}
			}
			publish(frame, unit, startup, connection, capturing, sql, elapsedNanos, endNanoTime, success, batchSize,
					rows, values, parameterHash, planValues);
		}
		catch (RuntimeException ex) {
			DbperfFailures.swallow("statement capture", ex);
		}
	}

	/**
	 * Report a batch of plain statements, one event each, sharing the batch's time out
	 * evenly.
	 * @param connection the driver's connection it ran on
	 * @param batch the SQL texts
	 * @param elapsedNanos how long the driver took for all of them
	 * @param counts the driver's update count per SQL text, or {@code null} when it
	 * failed
	 */
	void executedBatch(Connection connection, List<String> batch, long elapsedNanos, long @Nullable [] counts) {
		try {
			RepositoryContext.Frame frame = RepositoryContext.current();
			UnitOfWorkContext.Unit unit = UnitOfWorkContext.current();
			boolean startup = this.startupPhase.isStarting();
			long elapsed = elapsedNanos / Math.max(1, batch.size());
			boolean success = counts != null;
			for (int index = 0; index < batch.size(); index++) {
				publish(frame, unit, startup, connection, null, batch.get(index), elapsed, 0, success, batch.size(),
						rowsAt(counts, index), null, 0, null);
			}
		}
		catch (RuntimeException ex) {
			DbperfFailures.swallow("statement capture", ex);
		}
	}

	// A driver's SUCCESS_NO_INFO or EXECUTE_FAILED, or a missing count, is unknown
	private static long rowsAt(long @Nullable [] counts, int index) {
		return (counts != null && index < counts.length && counts[index] >= 0) ? counts[index] : -1;
	}

	private void publish(RepositoryContext.@Nullable Frame frame, UnitOfWorkContext.@Nullable Unit unit,
			boolean startup, Connection connection, @Nullable CapturingConnection capturing, String sql,
			long elapsedNanos, long endNanoTime, boolean success, int batchSize, long rows,
			@Nullable List<List<Object>> values, long parameterHash, @Nullable List<List<Object>> planValues) {
		String repositoryMethod = null;
		if (frame != null) {
			frame.statementExecuted();
			repositoryMethod = frame.method();
		}
		String unitOfWork = (unit != null) ? unit.name() : (startup ? StatementEvent.STARTUP : null);
		Fingerprint fingerprint = fingerprint(sql, connection);
		// Writes the call flushed first (Hibernate's auto-flush) do not hide its query
		boolean firstSelectOfPagedCall = frame != null && frame.paged() && fingerprint.operation() == Operation.SELECT
				&& frame.selected();
		// The connection's mode is asked only for writes inside a unit of work, the only
		// statements the autocommit rule judges
		boolean autoCommitWrite = unit != null && capturing != null && success && isWrite(fingerprint)
				&& capturing.autoCommit();
		StatementEvent event = new StatementEvent(this.dataSourceName, sql, fingerprint, elapsedNanos, success,
				batchSize, rows, repositoryMethod, unitOfWork, values, parameterHash, startup, autoCommitWrite,
				firstSelectOfPagedCall, planValues, endNanoTime);
		for (StatementListener listener : this.listeners) {
			notify(listener, event);
		}
	}

	private static boolean isWrite(Fingerprint fingerprint) {
		Operation operation = fingerprint.operation();
		return operation == Operation.INSERT || operation == Operation.UPDATE || operation == Operation.DELETE;
	}

	private Fingerprint fingerprint(String sql, Connection connection) {
		int hash = sql.hashCode();
		int slot = (hash ^ (hash >>> 16)) & (RECENT_SLOTS - 1);
		Recent cached = this.recent[slot];
		if (cached != null && (cached.sql == sql || (cached.hash == hash && cached.sql.equals(sql)))) {
			return cached.fingerprint;
		}
		Fingerprint fingerprint = this.fingerprinter.fingerprint(sql, dialect(connection));
		// Only once the dialect is settled: a GENERIC fingerprint taken while the look-up
		// is retried must not outlive it
		if (this.dialect != null && sql.length() <= MAX_RECENT_LENGTH) {
			this.recent[slot] = new Recent(sql, hash, fingerprint);
		}
		return fingerprint;
	}

	private SqlDialect dialect(Connection connection) {
		SqlDialect current = this.dialect;
		if (current != null) {
			return current;
		}
		// A failed look-up is retried on later statements: settling on GENERIC too early
		// would fold a MySQL backslash-escaped literal wrongly for good
		current = DataSourceDialects.fromConnection(connection);
		if (current != null || ++this.dialectLookups >= MAX_DIALECT_LOOKUPS) {
			this.dialect = (current != null) ? current : SqlDialect.GENERIC;
			return this.dialect;
		}
		return SqlDialect.GENERIC;
	}

	/**
	 * A recent statement's fingerprint; immutable, so threads may share it
	 * unsynchronized.
	 */
	private record Recent(String sql, int hash, Fingerprint fingerprint) {

	}

	private static void notify(StatementListener listener, StatementEvent event) {
		try {
			listener.onStatement(event);
		}
		catch (RuntimeException ex) {
			DbperfFailures.swallow(listener.getClass().getName(), ex);
		}
	}

}
