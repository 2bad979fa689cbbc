package io.github.dbperf.nplusone;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ConcurrentLruCache;

/**
 * The fix to suggest for an incident, tailored to the association and its fetch type.
 *
 * @author dbperf
 * @since 0.1.0
 */
final class Suggestions {

	private static final int MAX_CACHED = 1000;

	// The least recently used suggestion is dropped first when full
	private static final ConcurrentLruCache<Association, String> cache = new ConcurrentLruCache<>(MAX_CACHED,
			(association) -> build(IncidentKind.N_PLUS_ONE, association));

	private Suggestions() {
	}

	static String forIncident(IncidentKind kind, @Nullable Association association) {
		if (kind == IncidentKind.N_PLUS_ONE && association != null) {
			return cache.get(association);
		}
		return build(kind, association);
	}

	private static String build(IncidentKind kind, @Nullable Association association) {
		if (kind == IncidentKind.DUPLICATE) {
			return "The same query ran with the same parameters more than once: keep the first result"
					+ " (a local variable, or @CachedQuery for read-mostly data) instead of asking again.";
		}
		if (association == null) {
			return "Load the rows in one query: a JOIN FETCH or @EntityGraph for JPA associations,"
					+ " or one query with an IN list instead of one query per row.";
		}
		String fetch = "@EntityGraph(attributePaths = \"" + association.attribute()
				+ "\") on the repository method that loads the " + association.owner() + "s, or \"join fetch x."
				+ association.attribute() + "\" in its query";
		if (association.toMany() && association.fetchType().equals("EAGER")) {
			return "Map " + association.name() + " LAZY: EAGER to-many loads it for every " + association.owner()
					+ " with one query each. Then fetch it where needed with " + fetch + ".";
		}
		if (association.toMany()) {
			return "Fetch " + association.name() + " together with the " + association.owner() + "s: " + fetch
					+ ". Or batch it: @BatchSize(size = 16) on " + association.name()
					+ ", or spring.jpa.properties.hibernate.default_batch_fetch_size=16.";
		}
		return "Fetch " + association.name() + " together with the " + association.owner() + "s: " + fetch
				+ ". Or batch it: @BatchSize(size = 16) on the " + association.target()
				+ " entity, or spring.jpa.properties.hibernate.default_batch_fetch_size=16.";
	}

}
