package io.github.dbperf.rules;

import java.util.List;

/**
 * Something that reports findings: the startup checks, the SQL rules over the query
 * store, the runtime rules over closed units of work, the catalog checks. The
 * {@code dbperf} endpoint and the test API read every source and apply the user's
 * {@link RuleSettings}.
 *
 * @author dbperf
 * @since 0.2.0
 */
@FunctionalInterface
public interface FindingSource {

	/**
	 * Return the findings as they stand now, before the user's settings are applied.
	 * @return the findings, in any order
	 */
	List<Finding> findings();

}
