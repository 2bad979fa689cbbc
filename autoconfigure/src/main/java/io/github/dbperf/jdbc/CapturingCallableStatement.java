package io.github.dbperf.jdbc;

import java.sql.CallableStatement;

/**
 * A driver's callable statement: executions and positional parameters are captured as for
 * a prepared statement; out parameters and named parameters go to the driver.
 *
 * @author dbperf
 * @since 0.2.0
 */
final class CapturingCallableStatement extends CallableStatementDelegate<CallableStatement> {

	CapturingCallableStatement(CallableStatement delegate, CapturingConnection connection, String sql) {
		super(delegate, connection, sql);
	}

}
