package io.github.dbperf.jdbc;

import java.util.List;

/**
 * The bind parameters of one execution, read by {@link CaptureListener} only when a
 * consumer needs them: the hash inside a unit of work, the values when parameter capture
 * is on.
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
