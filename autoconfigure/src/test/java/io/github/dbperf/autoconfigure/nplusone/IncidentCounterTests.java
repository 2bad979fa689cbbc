package io.github.dbperf.autoconfigure.nplusone;

import java.util.Map;

import io.github.dbperf.autoconfigure.nplusone.NPlusOneAutoConfiguration.IncidentCounter;
import io.github.dbperf.nplusone.Incident;
import io.github.dbperf.nplusone.IncidentKind;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IncidentCounter}.
 */
class IncidentCounterTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final IncidentCounter counter = new IncidentCounter(
			new StaticListableBeanFactory(Map.of("registry", this.registry)).getBeanProvider(MeterRegistry.class));

	@Test
	void whenUnitTagsAreExhaustedThenAKnownUnitKeepsItsOwnTag() {
		this.counter.accept(incident("GET /known", IncidentKind.N_PLUS_ONE));
		for (int i = 0; i < 150; i++) {
			this.counter.accept(incident("GET /unit-" + i, IncidentKind.N_PLUS_ONE));
		}
		this.counter.accept(incident("GET /known", IncidentKind.N_PLUS_ONE));
		this.counter.accept(incident("GET /known", IncidentKind.DUPLICATE));
		assertThat(count("GET /known", "n_plus_one")).isEqualTo(2);
		assertThat(count("GET /known", "duplicate")).isEqualTo(1);
		assertThat(count("other", "n_plus_one")).isEqualTo(51);
		assertThat(this.registry.find("dbperf.nplusone.incidents").tag("unit", "GET /unit-149").counter()).isNull();
	}

	private double count(String unit, String kind) {
		return this.registry.get("dbperf.nplusone.incidents").tags("unit", unit, "kind", kind).counter().count();
	}

	private static Incident incident(String unit, IncidentKind kind) {
		return new Incident(kind, unit, "select * from pet where owner_id = ?", "select * from pet where owner_id = ?",
				null, null, null, 5, "fetch them together");
	}

}
