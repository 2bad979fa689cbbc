package io.github.dbperf.query;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.dbperf.sql.SqlFingerprinter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link QueryStats}.
 */
class QueryStatsTests {

	@Test
	void whenEightThreadsRecordOneFingerprintThenEveryCountAndSumIsExact() throws Exception {
		QueryStats stats = stats("insert into owner (name) values (?)");
		int threads = 8;
		int perThread = 20_000;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				futures.add(executor.submit(() -> {
					start.await();
					for (int i = 0; i < perThread; i++) {
						// 1 ms and 3 ms alternately; every tenth fails, every fifth is
						// slow
						stats.record((i % 2 == 0) ? 1_000_000 : 3_000_000, 0, i % 10 != 0, 2, i % 5 == 0, false, null,
								null, "OwnerRepository.save", null, null);
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get();
			}
		}
		finally {
			executor.shutdown();
		}
		QueryEntry entry = stats.snapshot();
		long calls = (long) threads * perThread;
		assertThat(entry.calls()).isEqualTo(calls);
		assertThat(entry.errors()).isEqualTo(calls / 10);
		assertThat(entry.slowCalls()).isEqualTo(calls / 5);
		assertThat(entry.rows()).isEqualTo(calls * 2);
		assertThat(entry.totalMs()).isEqualTo(calls * 2.0);
		assertThat(entry.minMs()).isEqualTo(1.0);
		assertThat(entry.maxMs()).isEqualTo(3.0);
		assertThat(entry.meanMs()).isEqualTo(2.0);
		assertThat(entry.stddevMs()).isEqualTo(1.0);
		assertThat(entry.repositoryMethods()).containsExactly("OwnerRepository.save");
	}

	@Test
	void whenDurationsDifferThenMeanStandardDeviationAndPercentilesAreThoseOfTheDurations() {
		QueryStats stats = stats("select * from owner where id = ?");
		for (long millis = 1; millis <= 4; millis++) {
			stats.record(Duration.ofMillis(millis).toNanos(), 0, true, -1, false, false, null, null, null, null, null);
		}
		QueryEntry entry = stats.snapshot();
		assertThat(entry.meanMs()).isEqualTo(2.5);
		assertThat(entry.stddevMs()).isEqualTo(1.118);
		assertThat(entry.p50Ms()).isBetween(1.9, 2.1);
		assertThat(entry.p99Ms()).isBetween(3.8, 4.2);
		assertThat(entry.rows()).as("rows of a select are not counted").isNull();
	}

	@Test
	void whenCapturedParametersAreLongThenTheSlowestSampleKeepsThemCutLikeTheSql() {
		QueryStats stats = new QueryStats(SqlFingerprinter.compute("insert into blob (data) values (?)"), "dataSource",
				100);
		List<List<Object>> parameters = List.of(List.of("x".repeat(10_000)));
		stats.record(1000, 0, true, 1, false, false, null, null, null, null, parameters);
		String kept = stats.snapshot().slowestSample().parameters();
		assertThat(kept).startsWith("[[xxx").endsWith("/* cut */").hasSizeLessThan(120);
	}

	@Test
	void whenUsageDecaysThenLaterCallsAddToTheDecayedUsage() {
		QueryStats stats = stats("select * from owner where id = ?");
		for (int i = 0; i < 10; i++) {
			stats.record(1000, 0, true, -1, false, false, null, null, null, null, null);
		}
		assertThat(stats.usage()).isEqualTo(10.0);
		stats.decayUsage(0.5);
		assertThat(stats.usage()).isEqualTo(5.0);
		stats.record(1000, 0, true, -1, false, false, null, null, null, null, null);
		stats.record(1000, 0, true, -1, false, false, null, null, null, null, null);
		assertThat(stats.usage()).isEqualTo(7.0);
		stats.decayUsage(0.5);
		assertThat(stats.usage()).isEqualTo(3.5);
	}

	@Test
	void whenTheFirstCallsRunThenEachResolvesItsCallSite() {
		QueryStats stats = stats("select * from owner where id = ?");
		for (int i = 0; i < 16; i++) {
			assertThat(stats.wantsCallSite(0)).isTrue();
			stats.record(1000, 0, true, -1, false, false, "Shop.find(Shop.java:" + (i % 2) + ")", null, null, null,
					null);
		}
		assertThat(stats.snapshot().callSites()).extracting(QueryEntry.CallSite::samples).containsExactly(8L, 8L);
	}

	@Test
	void whenTheDriverSaysWhenItReturnedThenLastSeenIsThatTimeWithoutAnotherClockRead() {
		QueryStats stats = stats("select * from owner where id = ?");
		Instant before = Instant.now();
		stats.record(1000, System.nanoTime() + Duration.ofMinutes(10).toNanos(), true, -1, false, false, null, null,
				null, null, null);
		assertThat(stats.snapshot().lastSeen()).isBetween(before.plus(Duration.ofMinutes(9)),
				Instant.now().plus(Duration.ofMinutes(11)));
	}

	@Test
	void whenACallReportsAnEarlierTimeThanTheLatestThenLastSeenKeepsTheLatest() {
		QueryStats stats = stats("select * from owner where id = ?");
		long now = System.nanoTime();
		stats.record(1000, now + Duration.ofMinutes(10).toNanos(), true, -1, false, false, null, null, null, null,
				null);
		stats.record(1000, now, true, -1, false, false, null, null, null, null, null);
		Instant before = Instant.now();
		stats.record(1000, 0, true, -1, false, false, null, null, null, null, null);
		assertThat(stats.snapshot().lastSeen()).isAfter(before.plus(Duration.ofMinutes(9)));
		assertThat(stats.snapshot().calls()).isEqualTo(3);
	}

	@Test
	void whenAStatementIsHotThenItsCallSiteIsResolvedAtMostTenTimesASecondAfterTheFirstCalls() {
		QueryStats stats = stats("select * from owner where id = ?");
		long now = System.nanoTime();
		for (int i = 0; i < 16; i++) {
			assertThat(stats.wantsCallSite(now)).isTrue();
			stats.record(1000, now, true, -1, false, false, null, null, null, null, null);
		}
		int sameInstant = 0;
		int oneSecondApart = 0;
		int unknownTime = 0;
		for (int i = 1; i <= 100_000; i++) {
			sameInstant += stats.wantsCallSite(now + 1) ? 1 : 0;
		}
		for (int i = 1; i <= 100_000; i++) {
			oneSecondApart += stats.wantsCallSite(now + Duration.ofSeconds(i).toNanos()) ? 1 : 0;
			unknownTime += stats.wantsCallSite(0) ? 1 : 0;
		}
		// One call in 1,024 on average: about 98 of 100,000
		assertThat(sameInstant).isLessThanOrEqualTo(1);
		assertThat(oneSecondApart).isBetween(30, 300);
		assertThat(unknownTime).isBetween(30, 300);
	}

	private static QueryStats stats(String sql) {
		return new QueryStats(SqlFingerprinter.compute(sql), "dataSource", 2000);
	}

}
