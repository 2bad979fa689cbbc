package io.github.dbperf.query;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

import io.github.dbperf.context.ApplicationFrames;
import io.github.dbperf.jdbc.StatementEvent;
import io.github.dbperf.sql.Fingerprint;
import io.github.dbperf.sql.SqlDialect;
import io.github.dbperf.sql.SqlFingerprinter;
import io.github.dbperf.sql.SqlText;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link QueryStore}.
 */
class QueryStoreTests {

	private static final ApplicationFrames FRAMES = new ApplicationFrames(List.of("com.example"));

	@Test
	void evictionWhileOtherThreadsRecordKeepsTheHotSetExact() throws Exception {
		QueryStore store = new QueryStore(200, Duration.ofSeconds(1), 2000, FRAMES);
		int hot = 40;
		int threads = 16;
		int iterations = 5_000;
		StatementEvent[] hotEvents = new StatementEvent[hot];
		for (int i = 0; i < hot; i++) {
			hotEvents[i] = event(SqlFingerprinter.compute("select * from hot_" + i + " where id = ?"));
			for (int call = 0; call < 1000; call++) {
				store.onStatement(hotEvents[i]);
			}
		}
		Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
		CountDownLatch start = new CountDownLatch(1);
		Thread[] workers = new Thread[threads];
		for (int t = 0; t < threads; t++) {
			int thread = t;
			workers[t] = new Thread(() -> {
				try {
					start.await();
					for (int i = 0; i < iterations; i++) {
						for (int h = 0; h < 4; h++) {
							store.onStatement(hotEvents[(i * 4 + h + thread) % hot]);
						}
						store.onStatement(event(SqlFingerprinter.compute("select * from cold_" + thread + "_" + i)));
					}
				}
				catch (Throwable ex) {
					failures.add(ex);
				}
			});
			workers[t].start();
		}
		start.countDown();
		for (Thread worker : workers) {
			worker.join();
		}
		assertThat(failures).isEmpty();
		assertThat(store.evictions()).isGreaterThan(1000);
		long expectedPerHot = 1000 + (long) threads * iterations * 4 / hot;
		for (StatementEvent hotEvent : hotEvents) {
			QueryEntry entry = store.entry(hotEvent.fingerprint().id());
			assertThat(entry).isNotNull();
			assertThat(entry.calls()).isEqualTo(expectedPerHot);
		}
	}

	@Test
	void tenThousandDistinctHundredKilobyteStatementsRetainAtMost64Megabytes() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long before = usedAfterGc(memory);
		SqlFingerprinter fingerprinter = new SqlFingerprinter();
		QueryStore store = new QueryStore(5000, Duration.ofMillis(100), SqlText.DEFAULT_MAX_LENGTH, FRAMES);
		for (int i = 0; i < 10_000; i++) {
			Fingerprint fingerprint = fingerprinter.fingerprint(hundredKilobytes(i), SqlDialect.MYSQL);
			store.onStatement(event(fingerprint));
		}
		long retained = usedAfterGc(memory) - before;
		assertThat(store.size()).isGreaterThan(4000);
		assertThat(store.entries(QuerySort.CALLS, 5000)).allSatisfy(
				(entry) -> assertThat(entry.sql().length()).isLessThanOrEqualTo(2000 + SqlText.CUT_MARKER.length()));
		assertThat(retained).as("%d fingerprints retain %.1f MB", store.size(), retained / 1024.0 / 1024.0)
			.isLessThanOrEqualTo(64L * 1024 * 1024);
		// The fingerprinter's cache is part of what is retained: keep it reachable until
		// here
		Reference.reachabilityFence(fingerprinter);
	}

	/**
	 * A distinct 100 KB statement: odd ones a select of many columns (long normalized
	 * text), even ones an insert of an inline literal (short normalized text).
	 */
	private static String hundredKilobytes(int i) {
		StringBuilder sql = new StringBuilder(102_400 + 64);
		if (i % 2 == 0) {
			sql.append("insert into blob_").append(i).append(" (id, data) values (1, '");
			while (sql.length() < 102_400) {
				sql.append("0123456789abcdef");
			}
			return sql.append("')").toString();
		}
		sql.append("select ");
		for (int column = 0; sql.length() < 102_400; column++) {
			sql.append("t.column_").append(i).append('_').append(column).append(", ");
		}
		return sql.append("t.id from wide t where t.id = 1").toString();
	}

	private static long usedAfterGc(MemoryMXBean memory) {
		long least = Long.MAX_VALUE;
		for (int i = 0; i < 3; i++) {
			System.gc();
			least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
		}
		return least;
	}

	private static StatementEvent event(Fingerprint fingerprint) {
		return new StatementEvent("dataSource", fingerprint.sql(), fingerprint, 1000, true, 0, -1, null, null, null, 0);
	}

}
