package io.github.dbperf.jdbc;

import java.sql.SQLException;
import java.sql.Wrapper;

/**
 * {@link Wrapper} for dbperf's JDBC wrappers: a wrapper answers for the interfaces it
 * implements itself (so callers keep it), and the driver's object for everything else.
 *
 * @author dbperf
 * @since 0.2.0
 */
final class Unwrapping {

	private Unwrapping() {
	}

	static <T> T unwrap(Wrapper wrapper, Wrapper delegate, Class<T> iface) throws SQLException {
		return iface.isInstance(wrapper) ? iface.cast(wrapper) : delegate.unwrap(iface);
	}

	static boolean isWrapperFor(Wrapper wrapper, Wrapper delegate, Class<?> iface) throws SQLException {
		return iface.isInstance(wrapper) || delegate.isWrapperFor(iface);
	}

}
