package io.github.dbperf.pool;

/**
 * How much a finding will hurt.
 *
 * @author dbperf
 * @since 0.1.0
 */
public enum Severity {

	/**
	 * Will fail or stall under load.
	 */
	ERROR,

	/**
	 * Costs performance or hides problems.
	 */
	WARN,

	/**
	 * Worth knowing.
	 */
	INFO

}
