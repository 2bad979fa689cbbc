package io.github.dbperf.query;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Which fingerprints a listing shows by whether they ran while the application started. A
 * fingerprint is a startup fingerprint while every one of its executions so far ran
 * during startup (schema scripts, migrations, seeding runners); once it runs after
 * startup it is the application's own, with its startup executions still counted.
 *
 * @author dbperf
 * @since 0.1.0
 */
public enum StartupFilter {

	/**
	 * Leave out startup fingerprints: the application's own statements only.
	 */
	EXCLUDE,

	/**
	 * Show every fingerprint.
	 */
	INCLUDE,

	/**
	 * Show startup fingerprints only.
	 */
	ONLY;

	boolean accepts(boolean startupOnly) {
		return switch (this) {
			case EXCLUDE -> !startupOnly;
			case INCLUDE -> true;
			case ONLY -> startupOnly;
		};
	}

	/**
	 * Parse a filter name, ignoring case.
	 * @param name the name
	 * @return the filter, or {@code null} if unknown
	 */
	public static @Nullable StartupFilter parse(String name) {
		for (StartupFilter filter : values()) {
			if (filter.name().equalsIgnoreCase(name.trim())) {
				return filter;
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
		for (StartupFilter filter : values()) {
			names.append((names.length() > 0) ? ", " : "").append(filter.name().toLowerCase(Locale.ROOT));
		}
		return names.toString();
	}

}
