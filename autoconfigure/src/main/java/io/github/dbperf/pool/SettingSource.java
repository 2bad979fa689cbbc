package io.github.dbperf.pool;

/**
 * Where the effective value of a pool setting comes from.
 *
 * @author dbperf
 * @since 0.1.0
 */
public enum SettingSource {

	/**
	 * Set by the application: a property or its own code.
	 */
	USER,

	/**
	 * A tuned default applied by dbperf.
	 */
	DBPERF,

	/**
	 * HikariCP's own default, left as it is.
	 */
	HIKARI_DEFAULT

}
