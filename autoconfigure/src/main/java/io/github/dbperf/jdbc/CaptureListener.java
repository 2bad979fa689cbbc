package io.github.dbperf.jdbc;

import io.github.dbperf.context.StartupPhase;
import io.github.dbperf.context.DbperfFailures;
import io.github.dbperf.context.RepositoryContext;
import io.github.dbperf.context.UnitOfWorkContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.dbperf.sql.Fingerprint;
import io.github.dbperf.sql.SqlDialect;
import io.github.dbperf.sql.SqlFingerprinter;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.proxy.ParameterSetOperation;
import org.jspecify.annotations.Nullable;

/**
 * The datasource-proxy listener: turns each execution into a {@link StatementEvent} and
 * hands it to every {@link StatementListener}. Each wrapped DataSource gets its own
 * instance, {@link #forDialect(SqlDialect) for its dialect}, so statements are
 * fingerprinted by their database's rules without deciding the dialect per statement.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class CaptureListener implements QueryExecutionListener {

	private final SqlFingerprinter fingerprinter;

	private final StatementListener[] listeners;

	private final boolean captureParameters;

	private static final int MAX_DIALECT_LOOKUPS = 16;

	private final StartupPhase startupPhase;

	private volatile @Nullable SqlDialect dialect;

	private int dialectLookups;

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
		this(fingerprinter, listeners.toArray(StatementListener[]::new), captureParameters, startupPhase, null);
	}

	private CaptureListener(SqlFingerprinter fingerprinter, StatementListener[] listeners, boolean captureParameters,
			StartupPhase startupPhase, @Nullable SqlDialect dialect) {
		this.fingerprinter = fingerprinter;
		this.listeners = listeners;
		this.captureParameters = captureParameters;
		this.startupPhase = startupPhase;
		this.dialect = dialect;
	}

	/**
	 * Return a listener for one DataSource, with the same consumers.
	 * @param dialect the DataSource's dialect, or {@code null} to take it from the first
	 * statement's connection
	 * @return the listener
	 */
	public CaptureListener forDialect(@Nullable SqlDialect dialect) {
		return new CaptureListener(this.fingerprinter, this.listeners, this.captureParameters, this.startupPhase,
				dialect);
	}

	@Override
	public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
	}

	@Override
	public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
		try {
			RepositoryContext.Frame frame = RepositoryContext.current();
			String repositoryMethod = (frame != null) ? frame.method() : null;
			UnitOfWorkContext.Unit unit = UnitOfWorkContext.current();
			boolean startup = this.startupPhase.isStarting();
			String unitOfWork = (unit != null) ? unit.name() : (startup ? StatementEvent.STARTUP : null);
			long rows = rows(execInfo.getResult());
			// A statement batch carries several SQL texts; their time is shared out
			// evenly
			long elapsed = execInfo.getElapsedTime() / Math.max(1, queryInfoList.size());
			SqlDialect sqlDialect = dialect(execInfo);
			for (QueryInfo query : queryInfoList) {
				if (frame != null) {
					frame.statementExecuted();
				}
				Fingerprint fingerprint = this.fingerprinter.fingerprint(query.getQuery(), sqlDialect);
				StatementEvent event = new StatementEvent(execInfo.getDataSourceName(), query.getQuery(), fingerprint,
						elapsed, execInfo.isSuccess(), execInfo.getBatchSize(), rows, repositoryMethod, unitOfWork,
						this.captureParameters ? parameters(query) : null,
						(unit != null || UnitOfWorkContext.isRecording()) ? parameterHash(query) : 0, startup);
				for (StatementListener listener : this.listeners) {
					notify(listener, event);
				}
			}
		}
		catch (RuntimeException ex) {
			DbperfFailures.swallow("statement capture", ex);
		}
	}

	private SqlDialect dialect(ExecutionInfo execInfo) {
		SqlDialect current = this.dialect;
		if (current != null) {
			return current;
		}
		// A failed look-up is retried on later statements: settling on GENERIC too early
		// would fold a MySQL backslash-escaped literal wrongly for good
		current = DataSourceDialects.fromConnection(execInfo.getStatement());
		if (current != null || ++this.dialectLookups >= MAX_DIALECT_LOOKUPS) {
			this.dialect = (current != null) ? current : SqlDialect.GENERIC;
			return this.dialect;
		}
		return SqlDialect.GENERIC;
	}

	private static void notify(StatementListener listener, StatementEvent event) {
		try {
			listener.onStatement(event);
		}
		catch (RuntimeException ex) {
			DbperfFailures.swallow(listener.getClass().getName(), ex);
		}
	}

	private static long rows(@Nullable Object result) {
		if (result instanceof Integer count) {
			return count;
		}
		if (result instanceof Long count) {
			return count;
		}
		if (result instanceof int[] counts) {
			long sum = 0;
			for (int count : counts) {
				sum += Math.max(count, 0);
			}
			return sum;
		}
		return -1;
	}

	private static long parameterHash(QueryInfo query) {
		long hash = 17;
		for (List<ParameterSetOperation> operations : query.getParametersList()) {
			for (ParameterSetOperation operation : operations) {
				Object[] args = operation.getArgs();
				hash = 31 * hash + ((args != null && args.length > 1) ? Objects.hashCode(args[1]) : 0);
			}
		}
		return hash;
	}

	private static List<List<Object>> parameters(QueryInfo query) {
		List<List<Object>> sets = new ArrayList<>();
		query.getParametersList().forEach((operations) -> {
			List<Object> values = new ArrayList<>();
			operations.forEach((operation) -> {
				Object[] args = operation.getArgs();
				values.add((args != null && args.length > 1) ? String.valueOf(args[1]) : "?");
			});
			sets.add(values);
		});
		return sets;
	}

}
