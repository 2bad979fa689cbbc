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
 * @author dbperf
 * @since 0.1.0
 */
public record StatementEvent(String dataSource, String sql, Fingerprint fingerprint, long elapsedNanos, boolean success,
		int batchSize, long rows, @Nullable String repositoryMethod, @Nullable String unitOfWork,
		@Nullable List<List<Object>> parameters, long parameterHash, boolean startup, boolean autoCommitWrite,
		boolean firstSelectOfPagedCall) {

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
