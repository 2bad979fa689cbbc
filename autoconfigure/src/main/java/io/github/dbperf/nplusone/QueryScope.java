package io.github.dbperf.nplusone;

import org.jspecify.annotations.Nullable;

/**
 * Opens a unit of work for code that runs outside HTTP requests and transactions, such as
 * batch jobs and message listeners:
 *
 * <pre class="code">
 * try (QueryScope scope = QueryScope.open("nightly-export")) {
 *     exportAll();
 * }
 * </pre>
 *
 * Nested scopes join the running unit. Without dbperf's detector in the application the
 * scope does nothing.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class QueryScope implements AutoCloseable {

	private static volatile @Nullable NPlusOneDetector detector;

	private final @Nullable NPlusOneDetector owner;

	private final @Nullable UnitOfWork unit;

	private QueryScope(@Nullable NPlusOneDetector owner, @Nullable UnitOfWork unit) {
		this.owner = owner;
		this.unit = unit;
	}

	/**
	 * Open a unit of work on the current thread.
	 * @param name the unit's name
	 * @return the scope, to close when the work is done
	 */
	public static QueryScope open(String name) {
		NPlusOneDetector current = detector;
		return new QueryScope(current, (current != null) ? current.open(name) : null);
	}

	/**
	 * Install the detector that scopes use; called by dbperf's auto-configuration.
	 * @param installed the detector, or {@code null} to remove it
	 */
	public static void install(@Nullable NPlusOneDetector installed) {
		detector = installed;
	}

	/**
	 * End the unit of work.
	 * @throws NPlusOneException in {@code exception} mode when N+1 queries were found
	 */
	@Override
	public void close() {
		if (this.owner != null) {
			this.owner.close(this.unit);
		}
	}

}
