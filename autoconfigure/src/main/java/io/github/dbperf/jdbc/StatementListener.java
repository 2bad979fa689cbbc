package io.github.dbperf.jdbc;

/**
 * Consumes {@link StatementEvent statement events}. Called on the thread that ran the
 * statement; implementations must be fast and must not throw (a failure is logged once
 * and ignored).
 *
 * @author dbperf
 * @since 0.1.0
 */
@FunctionalInterface
public interface StatementListener {

	/**
	 * Called after a statement ran.
	 * @param event the statement
	 */
	void onStatement(StatementEvent event);

}
