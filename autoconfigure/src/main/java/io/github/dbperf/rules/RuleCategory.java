package io.github.dbperf.rules;

import java.util.Locale;

/**
 * Where and when a rule runs.
 *
 * @author dbperf
 * @since 0.2.0
 */
public enum RuleCategory {

	/**
	 * Checked once at startup, from the JPA metamodel.
	 */
	MAPPING,

	/**
	 * Checked once at startup, from Hibernate's settings, the pool and the database.
	 */
	CONFIGURATION,

	/**
	 * Checked once per new fingerprint, when it is first computed.
	 */
	SQL,

	/**
	 * Checked when a unit of work closes, from what the unit recorded.
	 */
	RUNTIME,

	/**
	 * Checked on demand, from the database's catalog (indexes, keys).
	 */
	SCHEMA,

	/**
	 * Checked from a statement's execution plan.
	 */
	PLAN;

	/**
	 * Return the category as it is written in ids, properties and documents.
	 * @return the lowercase name
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

}
