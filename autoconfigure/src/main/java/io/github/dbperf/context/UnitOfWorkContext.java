package io.github.dbperf.context;

import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * The unit of work (HTTP request, transaction, scheduled run or explicit scope) running
 * on the current thread.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class UnitOfWorkContext {

	private static final ThreadLocal<@Nullable Unit> current = new ThreadLocal<>();

	private static final AtomicInteger recorders = new AtomicInteger();

	private UnitOfWorkContext() {
	}

	/**
	 * Note that a statement recorder, such as a test's, started or stopped: while one
	 * runs, statements outside units of work also get a parameter hash.
	 * @param started {@code true} when one started, {@code false} when one stopped
	 */
	public static void recording(boolean started) {
		recorders.addAndGet(started ? 1 : -1);
	}

	/**
	 * Return whether a statement recorder is running.
	 * @return whether statements outside units of work need a parameter hash
	 */
	public static boolean isRecording() {
		return recorders.get() > 0;
	}

	/**
	 * Return the current unit of work.
	 * @return the unit, or {@code null}
	 */
	public static @Nullable Unit current() {
		return current.get();
	}

	/**
	 * Return the current unit of work's name.
	 * @return the name, such as {@code GET /posts/{id}}, or {@code null}
	 */
	public static @Nullable String currentName() {
		Unit unit = current.get();
		return (unit != null) ? unit.name() : null;
	}

	/**
	 * Set or clear the current unit of work.
	 * @param unit the unit, or {@code null} to clear it
	 */
	public static void set(@Nullable Unit unit) {
		if (unit == null) {
			current.remove();
		}
		else {
			current.set(unit);
		}
	}

	/**
	 * A unit of work as statement capture sees it.
	 */
	public interface Unit {

		/**
		 * Return the unit's name.
		 * @return the name
		 */
		String name();

		/**
		 * Note that a connection was borrowed and given back on this unit's thread
		 * without creating a statement.
		 */
		default void connectionWithoutStatement() {
		}

		/**
		 * Note that the web handler returned: statements from now on run while the
		 * response is written or the view renders.
		 */
		default void handlerReturned() {
		}

		/**
		 * Return whether the rows of this unit's query results are counted, for
		 * {@link #rowsRead(String, int)}.
		 * @return whether results are counted
		 */
		default boolean countsRows() {
			return false;
		}

		/**
		 * Note how many rows the application read from one query result, once the result
		 * was read to its end or closed.
		 * @param sql the query's SQL text
		 * @param rows the rows read
		 */
		default void rowsRead(String sql, int rows) {
		}

	}

}
