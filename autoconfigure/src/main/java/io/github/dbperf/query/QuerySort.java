package io.github.dbperf.query;

import java.util.Comparator;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Orders for listing fingerprints, each largest first.
 *
 * @author dbperf
 * @since 0.1.0
 */
public enum QuerySort {

	/**
	 * By total time.
	 */
	TOTAL(Comparator.comparingDouble(QueryEntry::totalMs)),

	/**
	 * By mean time.
	 */
	MEAN(Comparator.comparingDouble(QueryEntry::meanMs)),

	/**
	 * By slowest execution.
	 */
	MAX(Comparator.comparingDouble(QueryEntry::maxMs)),

	/**
	 * By 95th percentile.
	 */
	P95(Comparator.comparingDouble(QueryEntry::p95Ms)),

	/**
	 * By executions.
	 */
	CALLS(Comparator.comparingLong(QueryEntry::calls)),

	/**
	 * By slow executions.
	 */
	SLOW(Comparator.comparingLong(QueryEntry::slowCalls));

	private final Comparator<QueryEntry> comparator;

	QuerySort(Comparator<QueryEntry> ascending) {
		this.comparator = ascending.reversed().thenComparing(QueryEntry::id);
	}

	Comparator<QueryEntry> comparator() {
		return this.comparator;
	}

	/**
	 * Parse a sort name, ignoring case.
	 * @param name the name
	 * @return the sort, or {@code null} if unknown
	 */
	public static @Nullable QuerySort parse(String name) {
		for (QuerySort sort : values()) {
			if (sort.name().equalsIgnoreCase(name.trim())) {
				return sort;
			}
		}
		return null;
	}

	/**
	 * Return the accepted names.
	 * @return the names, lowercase, comma-separated
	 */
	public static String names() {
		StringBuilder names = new StringBuilder();
		for (QuerySort sort : values()) {
			names.append((names.length() > 0) ? ", " : "").append(sort.name().toLowerCase(Locale.ROOT));
		}
		return names.toString();
	}

}
