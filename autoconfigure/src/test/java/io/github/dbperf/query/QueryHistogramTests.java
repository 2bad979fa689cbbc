package io.github.dbperf.query;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.dbperf.context.ApplicationFrames;
import io.github.dbperf.jdbc.StatementEvent;
import io.github.dbperf.sql.Fingerprint;
import io.github.dbperf.sql.SqlFingerprinter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the latency histogram of one fingerprint: log-scale buckets, bounded, shown
 * only in detail.
 */
class QueryHistogramTests {

	@Test
	void whenExecutionsTakeOneFiftyAndTwoThousandMillisecondsThenEachFallsInItsDoublingBucket() {
		QueryStats stats = stats();
		record(stats, 100, 1);
		record(stats, 10, 50);
		record(stats, 1, 2_000);
		List<QueryEntry.Bucket> buckets = stats.buckets();
		assertThat(buckets).first().isEqualTo(new QueryEntry.Bucket(0.64, 1.28, 100));
		assertThat(buckets).contains(new QueryEntry.Bucket(40.96, 81.92, 10));
		assertThat(buckets).last().isEqualTo(new QueryEntry.Bucket(1310.72, 2621.44, 1));
		assertThat(buckets).hasSize(12).extracting(QueryEntry.Bucket::count).containsOnly(0L, 1L, 10L, 100L);
		assertThat(buckets.stream().mapToLong(QueryEntry.Bucket::count).sum()).isEqualTo(111);
		for (int i = 1; i < buckets.size(); i++) {
			assertThat(buckets.get(i).fromMs()).isEqualTo(buckets.get(i - 1).toMs());
			assertThat(buckets.get(i).toMs()).isEqualTo(buckets.get(i).fromMs() * 2);
		}
	}

	@Test
	void whenExecutionsSpanAMicrosecondToAnHourThenTheHistogramHasAtMostThirtyBuckets() {
		QueryStats stats = stats();
		stats.record(1_000, 0, true, 0, false, false, null, null, null, null, null);
		stats.record(TimeUnit.HOURS.toNanos(2), 0, true, 0, true, false, null, null, null, null, null);
		List<QueryEntry.Bucket> buckets = stats.buckets();
		assertThat(buckets).hasSizeLessThanOrEqualTo(QueryEntry.MAX_BUCKETS);
		assertThat(buckets.get(0)).isEqualTo(new QueryEntry.Bucket(0, 0.01, 1));
		assertThat(buckets.get(buckets.size() - 1).toMs()).isGreaterThanOrEqualTo(Duration.ofHours(1).toMillis());
		assertThat(buckets.get(buckets.size() - 1).count()).isEqualTo(1);
	}

	@Test
	void whenNothingRanThenTheHistogramIsEmpty() {
		assertThat(stats().buckets()).isEmpty();
	}

	@Test
	void whenAFingerprintIsShownOnItsOwnThenItHasTheHistogramAndInAListItHasNone() {
		QueryStore store = new QueryStore(100, Duration.ofMillis(100), 2000,
				new ApplicationFrames(List.of("com.example")));
		Fingerprint fingerprint = SqlFingerprinter.compute("select * from post where id = ?");
		String id = fingerprint.id();
		store.onStatement(new StatementEvent("dataSource", fingerprint.sql(), fingerprint,
				TimeUnit.MILLISECONDS.toNanos(3), true, 0, -1, null, null, null, 0));
		QueryEntry detail = store.detail(id);
		assertThat(detail).isNotNull();
		assertThat(detail.histogram()).containsExactly(new QueryEntry.Bucket(2.56, 5.12, 1));
		assertThat(store.entry(id).histogram()).isNull();
		assertThat(store.entries(QuerySort.TOTAL, 10)).singleElement().satisfies((entry) -> {
			assertThat(entry.histogram()).isNull();
			assertThat(entry.calls()).isEqualTo(1);
		});
		assertThat(store.detail("0000000000000000")).isNull();
	}

	private static void record(QueryStats stats, int times, long millis) {
		for (int i = 0; i < times; i++) {
			stats.record(TimeUnit.MILLISECONDS.toNanos(millis), 0, true, 0, false, false, null, null, null, null, null);
		}
	}

	private static QueryStats stats() {
		return new QueryStats(SqlFingerprinter.compute("select * from post where id = ?"), "dataSource", 2000);
	}

}
