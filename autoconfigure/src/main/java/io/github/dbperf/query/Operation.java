package io.github.dbperf.query;

/**
 * TEMPORARY stub.
 */
public enum Operation {

	SELECT, INSERT, UPDATE, DELETE, OTHER;

	public String tagValue() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
