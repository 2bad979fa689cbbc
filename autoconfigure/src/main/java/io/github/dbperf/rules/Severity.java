package io.github.dbperf.rules;

/**
 * How much a finding will hurt, most severe first.
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
	INFO;

	/**
	 * Whether this severity is at least as severe as another.
	 * @param other the other severity
	 * @return {@code true} when this is {@code other} or more severe
	 */
	public boolean atLeast(Severity other) {
		return ordinal() <= other.ordinal();
	}

}
