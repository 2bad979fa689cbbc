package io.github.dbperf.nplusone;

/**
 * What kind of repeated query an incident is.
 *
 * @author dbperf
 * @since 0.1.0
 */
public enum IncidentKind {

	/**
	 * The same select with differing parameters, once per row of an earlier result.
	 */
	N_PLUS_ONE,

	/**
	 * The same select with the same parameters, repeated.
	 */
	DUPLICATE

}
