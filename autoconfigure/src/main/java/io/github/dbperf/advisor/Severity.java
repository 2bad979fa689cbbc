package io.github.dbperf.advisor;

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
