package io.github.dbperf.nplusone;

/**
 * What to do when a unit of work has N+1 queries.
 *
 * @author dbperf
 * @since 0.1.0
 */
public enum NPlusOneMode {

	/**
	 * Log one WARN line per distinct incident, rate-limited, and record it.
	 */
	LOG,

	/**
	 * Record it and throw {@link NPlusOneException} when the unit of work ends.
	 */
	EXCEPTION,

	/**
	 * Track nothing.
	 */
	OFF

}
