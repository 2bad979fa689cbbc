package io.github.dbperf.cache;

import java.time.Duration;

import io.github.dbperf.cache.CircuitBreaker.Permit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CircuitBreaker}.
 */
class CircuitBreakerTests {

	@Test
	void whenACallThatWasNotTheProbeIsAbandonedThenNoSecondProbeRuns() {
		CircuitBreaker breaker = new CircuitBreaker(1, Duration.ofNanos(1));
		Permit call = breaker.allow();
		assertThat(call).as("a call while closed").isEqualTo(Permit.CALL);
		breaker.failure();
		Permit probe = breaker.allow();
		assertThat(probe).as("the probe").isEqualTo(Permit.PROBE);
		breaker.abandon(call);
		assertThat(breaker.allow()).as("a second probe").isEqualTo(Permit.DENIED);
		assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
	}

	@Test
	void whenTheProbeIsAbandonedThenTheNextCallProbes() {
		CircuitBreaker breaker = new CircuitBreaker(1, Duration.ofNanos(1));
		breaker.failure();
		Permit probe = breaker.allow();
		assertThat(probe).isEqualTo(Permit.PROBE);
		breaker.abandon(probe);
		assertThat(breaker.allow()).isEqualTo(Permit.PROBE);
	}

}
