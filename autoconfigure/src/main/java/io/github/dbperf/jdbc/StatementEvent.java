package io.github.dbperf.jdbc;

import java.util.List;

import io.github.dbperf.sql.Fingerprint;
import org.jspecify.annotations.Nullable;

/**
 * One executed JDBC statement: the single event every dbperf feature consumes. Created
 * once per statement on the calling thread, right after the driver returned.
 *
 * @param dataSource the DataSource bean name
 * @param sql the SQL text as the application sent it
 * @param fingerprint the statement's fingerprint
 * @param elapsedNanos how long the driver took
 * @param success whether it completed without an exception
 * @param batchSize the number of batched executions, 0 when not a batch
 * @param rows rows the driver reported as affected, -1 when unknown (such as for queries)
 * @param repositoryMethod the repository method running on this thread, or {@code null}
 * @param unitOfWork the unit of work running on this thread; {@value #STARTUP} for a
 * startup statement outside any other unit; otherwise {@code null} outside units
 * @param parameters the bind parameters, only when parameter capture is enabled
 * @param parameterHash a hash of the bind-parameter values, computed only inside a unit
 * of work (0 otherwise), so repeats with equal and with differing values can be told
 * apart without keeping the values
 * @param startup whether it ran while the application was starting (schema scripts,
 * migrations, seeding runners)
 * @param autoCommitWrite whether it is an insert, update or delete that ran in a unit of
 * work on a connection in auto-commit mode, so committed on its own
 * @param firstSelectOfPagedCall whether it is the first select of a repository method
 * called with a page or limit ({@code Pageable}, {@code Limit})
 * @param planValues the bind parameters of an execution at least as slow as the capture's
 * plan-values threshold, held when parameter capture is off so that the statement's
 * execution plan can be asked for; {@code null} otherwise. Unlike {@code parameters},
 * they are never to be shown, logged or kept: only the plan feature reads them, and
 * {@link #toString()} leaves them out
 * @param endNanoTime the {@link System#nanoTime()} at which the driver returned, so that
 * consumers need not read the clock again; 0 when not known, such as for batches
 * @author dbperf
 * @since 0.1.0
 */
public record StatementEvent(String dataSource, String sql, Fingerprint fingerprint, long elapsedNanos, boolean success,
		int batchSize, long rows, @Nullable String repositoryMethod, @Nullable String unitOfWork,
		@Nullable List<List<Object>> parameters, long parameterHash, boolean startup, boolean autoCommitWrite,
		boolean firstSelectOfPagedCall, @Nullable List<List<Object>> planValues, long endNanoTime) {

	/**
	 * The unit of work name of startup statements that run outside any other unit.
	 */
	public static final String STARTUP = "startup";

	/**
	 * Create an event for a statement that ran after startup.
	 * @param dataSource the DataSource bean name
	 * @param sql the SQL text
	 * @param fingerprint the fingerprint
	 * @param elapsedNanos how long the driver took
	 * @param success whether it completed without an exception
	 * @param batchSize the number of batched executions
	 * @param rows rows affected, -1 when unknown
	 * @param repositoryMethod the repository method, or {@code null}
	 * @param unitOfWork the unit of work, or {@code null}
	 * @param parameters the bind parameters, or {@code null}
	 * @param parameterHash the hash of the bind-parameter values
	 */
	public StatementEvent(String dataSource, String sql, Fingerprint fingerprint, long elapsedNanos, boolean success,
			int batchSize, long rows, @Nullable String repositoryMethod, @Nullable String unitOfWork,
			@Nullable List<List<Object>> parameters, long parameterHash) {
		this(dataSource, sql, fingerprint, elapsedNanos, success, batchSize, rows, repositoryMethod, unitOfWork,
				parameters, parameterHash, false);
	}

	/**
	 * Create an event for a statement that ran neither in auto-commit mode inside a unit
	 * of work nor as the first select of a paged repository call.
	 * @param dataSource the DataSource bean name
	 * @param sql the SQL text
	 * @param fingerprint the fingerprint
	 * @param elapsedNanos how long the driver took
	 * @param success whether it completed without an exception
	 * @param batchSize the number of batched executions
	 * @param rows rows affected, -1 when unknown
	 * @param repositoryMethod the repository method, or {@code null}
	 * @param unitOfWork the unit of work, or {@code null}
	 * @param parameters the bind parameters, or {@code null}
	 * @param parameterHash the hash of the bind-parameter values
	 * @param startup whether it ran while the application was starting
	 */
	public StatementEvent(String dataSource, String sql, Fingerprint fingerprint, long elapsedNanos, boolean success,
			int batchSize, long rows, @Nullable String repositoryMethod, @Nullable String unitOfWork,
			@Nullable List<List<Object>> parameters, long parameterHash, boolean startup) {
		this(dataSource, sql, fingerprint, elapsedNanos, success, batchSize, rows, repositoryMethod, unitOfWork,
				parameters, parameterHash, startup, false, false);
	}

	/**
	 * Create an event without values held for a plan.
	 * @param dataSource the DataSource bean name
	 * @param sql the SQL text
	 * @param fingerprint the fingerprint
	 * @param elapsedNanos how long the driver took
	 * @param success whether it completed without an exception
	 * @param batchSize the number of batched executions
	 * @param rows rows affected, -1 when unknown
	 * @param repositoryMethod the repository method, or {@code null}
	 * @param unitOfWork the unit of work, or {@code null}
	 * @param parameters the bind parameters, or {@code null}
	 * @param parameterHash the hash of the bind-parameter values
	 * @param startup whether it ran while the application was starting
	 * @param autoCommitWrite whether it is a write committed on its own in a unit of work
	 * @param firstSelectOfPagedCall whether it is the first select of a paged repository
	 * call
	 */
	public StatementEvent(String dataSource, String sql, Fingerprint fingerprint, long elapsedNanos, boolean success,
			int batchSize, long rows, @Nullable String repositoryMethod, @Nullable String unitOfWork,
			@Nullable List<List<Object>> parameters, long parameterHash, boolean startup, boolean autoCommitWrite,
			boolean firstSelectOfPagedCall) {
		this(dataSource, sql, fingerprint, elapsedNanos, success, batchSize, rows, repositoryMethod, unitOfWork,
				parameters, parameterHash, startup, autoCommitWrite, firstSelectOfPagedCall, null);
	}

	/**
	 * Create an event without the time the driver returned at.
	 * @param dataSource the DataSource bean name
	 * @param sql the SQL text
	 * @param fingerprint the fingerprint
	 * @param elapsedNanos how long the driver took
	 * @param success whether it completed without an exception
	 * @param batchSize the number of batched executions
	 * @param rows rows affected, -1 when unknown
	 * @param repositoryMethod the repository method, or {@code null}
	 * @param unitOfWork the unit of work, or {@code null}
	 * @param parameters the bind parameters, or {@code null}
	 * @param parameterHash the hash of the bind-parameter values
	 * @param startup whether it ran while the application was starting
	 * @param autoCommitWrite whether it is a write committed on its own in a unit of work
	 * @param firstSelectOfPagedCall whether it is the first select of a paged repository
	 * call
	 * @param planValues the values held for a plan, or {@code null}
	 * @since 0.2.0
	 */
	public StatementEvent(String dataSource, String sql, Fingerprint fingerprint, long elapsedNanos, boolean success,
			int batchSize, long rows, @Nullable String repositoryMethod, @Nullable String unitOfWork,
			@Nullable List<List<Object>> parameters, long parameterHash, boolean startup, boolean autoCommitWrite,
			boolean firstSelectOfPagedCall, @Nullable List<List<Object>> planValues) {
		this(dataSource, sql, fingerprint, elapsedNanos, success, batchSize, rows, repositoryMethod, unitOfWork,
				parameters, parameterHash, startup, autoCommitWrite, firstSelectOfPagedCall, planValues, 0);
	}

	/**
	 * Return this event without the values held for a plan, for a consumer that keeps
	 * events.
	 * @return this event when it holds none, otherwise a copy without them
	 * @since 0.2.0
	 */
	public StatementEvent withoutPlanValues() {
		if (this.planValues == null) {
			return this;
		}
		return new StatementEvent(this.dataSource, this.sql, this.fingerprint, this.elapsedNanos, this.success,
				this.batchSize, this.rows, this.repositoryMethod, this.unitOfWork, this.parameters, this.parameterHash,
				this.startup, this.autoCommitWrite, this.firstSelectOfPagedCall, null, this.endNanoTime);
	}

	/**
	 * Describe the event, saying only whether values are held for a plan, never which.
	 * @return the description
	 */
	@Override
	public String toString() {
		return "StatementEvent[dataSource=" + this.dataSource + ", sql=" + this.sql + ", fingerprint="
				+ this.fingerprint + ", elapsedNanos=" + this.elapsedNanos + ", success=" + this.success
				+ ", batchSize=" + this.batchSize + ", rows=" + this.rows + ", repositoryMethod="
				+ this.repositoryMethod + ", unitOfWork=" + this.unitOfWork + ", parameters=" + this.parameters
				+ ", parameterHash=" + this.parameterHash + ", startup=" + this.startup + ", autoCommitWrite="
				+ this.autoCommitWrite + ", firstSelectOfPagedCall=" + this.firstSelectOfPagedCall + ", planValues="
				+ ((this.planValues != null) ? "(held for a plan)" : "null") + ", endNanoTime=" + this.endNanoTime
				+ "]";
	}

	/**
	 * Return what the statement is credited to: the repository method that ran it, or,
	 * with none on the stack (such as for the writes JPA flushes at commit, after the
	 * repository method returned), the unit of work it ran in, such as
	 * {@code tx CategoryService.create}, {@code GET /posts/{id}} or {@value #STARTUP}.
	 * @return the repository method or unit of work, or {@code null} outside both
	 */
	public @Nullable String creditedTo() {
		return (this.repositoryMethod != null) ? this.repositoryMethod : this.unitOfWork;
	}

}
