package io.github.dbperf.nplusone;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Incidents aggregated by unit of work, fingerprint and kind; bounded, the least recently
 * seen dropped first.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class IncidentStore {

	private final int maxEntries;

	private final Map<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

	/**
	 * Create a new store.
	 * @param maxEntries the most aggregated incidents kept
	 */
	public IncidentStore(int maxEntries) {
		this.maxEntries = maxEntries;
	}

	/**
	 * Record an incident.
	 * @param incident the incident
	 * @return whether this unit of work, fingerprint and kind was new
	 */
	synchronized boolean record(Incident incident) {
		Key key = new Key(incident.kind(), incident.unitOfWork(), incident.fingerprint());
		Entry entry = this.entries.get(key);
		Instant now = Instant.now();
		if (entry == null) {
			if (this.entries.size() >= this.maxEntries) {
				Key eldest = this.entries.keySet().iterator().next();
				this.entries.remove(eldest);
			}
			this.entries.put(key, new Entry(incident, now));
			return true;
		}
		entry.occurrences++;
		entry.lastSeen = now;
		entry.maxRepeats = Math.max(entry.maxRepeats, incident.repeats());
		entry.incident = incident;
		return false;
	}

	/**
	 * Return the aggregated incidents, most repeats first.
	 * @return the incidents
	 */
	public synchronized List<Aggregate> incidents() {
		List<Aggregate> result = new ArrayList<>();
		for (Entry entry : this.entries.values()) {
			Incident incident = entry.incident;
			result.add(new Aggregate(incident.kind(), incident.unitOfWork(), incident.fingerprint(), incident.sql(),
					incident.association(), incident.fetchType(), incident.callSite(), entry.maxRepeats,
					entry.occurrences, entry.firstSeen, entry.lastSeen, incident.suggestion()));
		}
		result.sort(Comparator.comparingInt(Aggregate::maxRepeats).reversed());
		return result;
	}

	/**
	 * Forget every incident.
	 */
	public synchronized void reset() {
		this.entries.clear();
	}

	/**
	 * Incidents of one unit of work and fingerprint.
	 *
	 * @param kind N+1 or duplicate
	 * @param unitOfWork the unit of work
	 * @param fingerprint the fingerprint id
	 * @param sql the normalized SQL
	 * @param association the association, when known
	 * @param fetchType its fetch type, when known
	 * @param callSite the application call site
	 * @param maxRepeats the most repeats in one unit of work
	 * @param occurrences how many units of work had it
	 * @param firstSeen the first time
	 * @param lastSeen the last time
	 * @param suggestion what to change
	 */
	public record Aggregate(IncidentKind kind, String unitOfWork, String fingerprint, String sql,
			@Nullable String association, @Nullable String fetchType, @Nullable String callSite, int maxRepeats,
			long occurrences, Instant firstSeen, Instant lastSeen, String suggestion) {

	}

	private record Key(IncidentKind kind, String unitOfWork, String fingerprint) {

	}

	private static final class Entry {

		private Incident incident;

		private int maxRepeats;

		private long occurrences = 1;

		private final Instant firstSeen;

		private Instant lastSeen;

		Entry(Incident incident, Instant now) {
			this.incident = incident;
			this.maxRepeats = incident.repeats();
			this.firstSeen = now;
			this.lastSeen = now;
		}

	}

}
