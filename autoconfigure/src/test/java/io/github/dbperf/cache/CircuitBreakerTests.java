package io.github.dbperf.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.github.dbperf.cache.CircuitBreaker.Permit;
import io.github.dbperf.cache.RemoteTierStats.BreakerState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CircuitBreaker}, on a clock the tests move.
 */
class CircuitBreakerTests {

	private static final Duration COOL_DOWN = Duration.ofSeconds(10);

	private final AtomicLong nanos = new AtomicLong(1_000_000);

	private final CircuitBreaker breaker = new CircuitBreaker(3, COOL_DOWN, this.nanos::get);

	@Test
	void whenFewerConsecutiveFailuresThanTheThresholdHappenThenItStaysClosed() {
		this.breaker.failure();
		this.breaker.failure();
		assertThat(this.breaker.state()).isEqualTo(BreakerState.CLOSED);
		assertThat(this.breaker.allow()).isEqualTo(Permit.CALL);
	}

	@Test
	void whenASuccessComesBetweenFailuresThenTheCountStartsAgain() {
		this.breaker.failure();
		this.breaker.failure();
		this.breaker.success();
		this.breaker.failure();
		this.breaker.failure();
		assertThat(this.breaker.state()).isEqualTo(BreakerState.CLOSED);
	}

	@Test
	void whenTheThresholdOfConsecutiveFailuresIsReachedThenItOpensAndDeniesCalls() {
		open();
		assertThat(this.breaker.state()).isEqualTo(BreakerState.OPEN);
		assertThat(this.breaker.allow()).isEqualTo(Permit.DENIED);
		assertThat(Permit.DENIED.granted()).isFalse();
	}

	@Test
	void whenTheCoolDownHasNotPassedThenNoProbeIsLetThrough() {
		open();
		this.nanos.addAndGet(COOL_DOWN.toNanos() - 1);
		assertThat(this.breaker.allow()).isEqualTo(Permit.DENIED);
		assertThat(this.breaker.state()).isEqualTo(BreakerState.OPEN);
	}

	@Test
	void whenTheCoolDownHasPassedThenExactlyOneCallProbesWhileItIsHalfOpen() {
		open();
		this.nanos.addAndGet(COOL_DOWN.toNanos());
		Permit probe = this.breaker.allow();
		assertThat(probe).isEqualTo(Permit.PROBE);
		assertThat(probe.granted()).isTrue();
		assertThat(this.breaker.state()).isEqualTo(BreakerState.HALF_OPEN);
		assertThat(this.breaker.allow()).as("a second call while probing").isEqualTo(Permit.DENIED);
	}

	@Test
	void whenTheProbeSucceedsThenItClosesAndCallsGoThrough() {
		open();
		this.nanos.addAndGet(COOL_DOWN.toNanos());
		this.breaker.allow();
		this.breaker.success();
		assertThat(this.breaker.state()).isEqualTo(BreakerState.CLOSED);
		assertThat(this.breaker.allow()).isEqualTo(Permit.CALL);
		this.breaker.failure();
		this.breaker.failure();
		assertThat(this.breaker.state()).as("the failure count started again").isEqualTo(BreakerState.CLOSED);
	}

	@Test
	void whenTheProbeFailsThenItReopensForAnotherFullCoolDown() {
		open();
		this.nanos.addAndGet(COOL_DOWN.toNanos());
		this.breaker.allow();
		this.nanos.addAndGet(5);
		this.breaker.failure();
		assertThat(this.breaker.state()).as("one failure while half open").isEqualTo(BreakerState.OPEN);
		this.nanos.addAndGet(COOL_DOWN.toNanos() - 1);
		assertThat(this.breaker.allow()).isEqualTo(Permit.DENIED);
		this.nanos.addAndGet(1);
		assertThat(this.breaker.allow()).isEqualTo(Permit.PROBE);
	}

	@Test
	void whenACallThatWasNotTheProbeIsAbandonedThenNoSecondProbeRuns() {
		CircuitBreaker breaker = new CircuitBreaker(1, COOL_DOWN, this.nanos::get);
		Permit call = breaker.allow();
		assertThat(call).as("a call while closed").isEqualTo(Permit.CALL);
		breaker.failure();
		this.nanos.addAndGet(COOL_DOWN.toNanos());
		Permit probe = breaker.allow();
		assertThat(probe).as("the probe").isEqualTo(Permit.PROBE);
		breaker.abandon(call);
		assertThat(breaker.allow()).as("a second probe").isEqualTo(Permit.DENIED);
		assertThat(breaker.state()).isEqualTo(BreakerState.HALF_OPEN);
	}

	@Test
	void whenTheProbeIsAbandonedThenTheNextCallProbesWithoutAnotherCoolDown() {
		open();
		this.nanos.addAndGet(COOL_DOWN.toNanos());
		Permit probe = this.breaker.allow();
		assertThat(probe).isEqualTo(Permit.PROBE);
		this.breaker.abandon(probe);
		assertThat(this.breaker.state()).isEqualTo(BreakerState.OPEN);
		assertThat(this.breaker.allow()).isEqualTo(Permit.PROBE);
	}

	private void open() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.breaker.allow()).isEqualTo(Permit.CALL);
			this.breaker.failure();
		}
	}

}
