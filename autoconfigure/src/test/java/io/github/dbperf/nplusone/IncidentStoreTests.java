package io.github.dbperf.nplusone;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link IncidentStore}.
 */
class IncidentStoreTests {

	@Test
	void whenFullThenTheLeastRecentlySeenIncidentIsDroppedAndARecurringOneKept() {
		IncidentStore store = new IncidentStore(3);
		assertThat(store.record(incident("GET /a"))).isTrue();
		store.record(incident("GET /b"));
		store.record(incident("GET /c"));
		assertThat(store.record(incident("GET /a"))).as("seen again, not new").isFalse();
		store.record(incident("GET /d"));
		assertThat(store.incidents()).extracting(IncidentStore.Aggregate::unitOfWork)
			.containsExactlyInAnyOrder("GET /a", "GET /c", "GET /d");
		assertThat(store.incidents()).filteredOn((incident) -> incident.unitOfWork().equals("GET /a"))
			.singleElement()
			.satisfies((incident) -> assertThat(incident.occurrences()).isEqualTo(2));
	}

	@Test
	void whenAnIncidentRecursThenItKeepsTheMostRepeatsAndIsListedByThem() {
		IncidentStore store = new IncidentStore(10);
		store.record(incident("GET /a", 5));
		store.record(incident("GET /a", 3));
		store.record(incident("GET /b", 4));
		assertThat(store.incidents())
			.extracting(IncidentStore.Aggregate::unitOfWork, IncidentStore.Aggregate::maxRepeats)
			.containsExactly(tuple("GET /a", 5), tuple("GET /b", 4));
	}

	private static Incident incident(String unitOfWork) {
		return incident(unitOfWork, 3);
	}

	private static Incident incident(String unitOfWork, int repeats) {
		return new Incident(IncidentKind.N_PLUS_ONE, unitOfWork, "0123456789abcdef",
				"select * from pet where owner_id = ?", null, null, null, repeats, "Fetch it");
	}

}
