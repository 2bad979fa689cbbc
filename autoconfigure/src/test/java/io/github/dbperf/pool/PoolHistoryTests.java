package io.github.dbperf.pool;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PoolHistory}: a bounded ring per pool, oldest first.
 */
class PoolHistoryTests {

	@Test
	void whenSampledEveryFiveSecondsForThirtyMinutesThenEachPoolKeeps360SamplesInAbout7Kilobytes() {
		PoolHistory history = new PoolHistory(Duration.ofSeconds(5), Duration.ofMinutes(30));
		assertThat(history.capacity()).isEqualTo(360);
		assertThat(history.bytesPerPool()).isEqualTo(7_200);
	}

	@Test
	void whenMoreSamplesThanTheCapacityArriveThenTheOldestAreDroppedAndTheRestStayInOrder() {
		PoolHistory history = new PoolHistory(Duration.ofSeconds(1), Duration.ofSeconds(10));
		for (int i = 0; i < 25; i++) {
			history.record("primary", 1_000L * i, new PoolState(i, 10 - (i % 10), i % 3, 10, 10));
		}
		history.record("secondary", 7, new PoolState(1, 2, 3, 3, 5));
		assertThat(history.series()).containsOnlyKeys("primary", "secondary");
		PoolHistory.Series primary = history.series().get("primary");
		assertThat(primary.size()).isEqualTo(10);
		assertThat(primary.intervalMs()).isEqualTo(1_000);
		assertThat(primary.at()).containsExactly(15_000, 16_000, 17_000, 18_000, 19_000, 20_000, 21_000, 22_000, 23_000,
				24_000);
		assertThat(primary.active()).containsExactly(15, 16, 17, 18, 19, 20, 21, 22, 23, 24);
		assertThat(primary.pending()).containsExactly(0, 1, 2, 0, 1, 2, 0, 1, 2, 0);
		PoolHistory.Series secondary = history.series().get("secondary");
		assertThat(secondary.at()).containsExactly(7);
		assertThat(secondary.idle()).containsExactly(2);
	}

	@Test
	void whenRetentionIsNotAWholeNumberOfIntervalsThenCapacityRoundsDownButKeepsOneSample() {
		assertThat(PoolHistory.capacity(Duration.ofSeconds(3), Duration.ofSeconds(10))).isEqualTo(3);
		assertThat(PoolHistory.capacity(Duration.ofMinutes(1), Duration.ofSeconds(10))).isEqualTo(1);
	}

}
