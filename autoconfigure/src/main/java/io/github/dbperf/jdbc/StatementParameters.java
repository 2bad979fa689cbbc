package io.github.dbperf.jdbc;

import java.util.List;

/**
 * The bind parameters of one execution, read by {@link CaptureListener} only when a
 * consumer needs them: the hash inside a unit of work, the values when parameter capture
 * is on. Together with {@link CaptureListener#executed}, this is the capture SPI the JDBC
 * wrappers report through; it is public so that dbperf's benchmarks can drive it without
 * a driver, not for applications to implement.
 *
 * @author dbperf
 * @since 0.2.0
 */
public interface StatementParameters {

	/**
	 * Return a hash of the bound values, equal for equal values, computed without keeping
	 * them.
	 * @return the hash
	 */
	long hash();

	/**
	 * Return the bound values as text, one list per executed parameter set (several for a
	 * batch).
	 * @return the values
	 */
	List<List<Object>> values();

}
