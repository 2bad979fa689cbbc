package io.github.dbperf.query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.github.dbperf.context.ApplicationFrames;
import io.github.dbperf.jdbc.StatementEvent;
import io.github.dbperf.sql.Fingerprint;
import io.github.dbperf.sql.SqlFingerprinter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TopFingerprintMetrics}.
 */
class TopFingerprintMetricsTests {

	private static final ApplicationFrames FRAMES = new ApplicationFrames(List.of("com.example"));

	private static final long MILLI = 1_000_000;

	private final QueryStore store = new QueryStore(5000, Duration.ofSeconds(1), 2000, FRAMES);

	private final MeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void whenTwoHundredFingerprintsRunThenTheFiftyWithMostTimeHaveSeriesAndTheRestAreOther() {
		for (int i = 0; i < 200; i++) {
			run("select * from table_" + i + " where name = 'secret'", 1, (i + 1) * MILLI);
		}
		new TopFingerprintMetrics(this.store, 50, Duration.ofSeconds(15)).bindTo(this.registry);
		Set<String> expected = this.store.entries(QuerySort.TOTAL, 50)
			.stream()
			.map(QueryEntry::id)
			.collect(Collectors.toSet());
		Collection<FunctionTimer> timers = this.registry.find("dbperf.queries").functionTimers();
		assertThat(timers).hasSize(51);
		assertThat(timers.stream().map((timer) -> timer.getId().getTag("fingerprint")))
			.containsExactlyInAnyOrderElementsOf(union(expected, "other"));
		assertThat(this.registry.find("dbperf.queries.latency").functionCounters()).hasSize(50 * 12);
		assertThat(timers.stream().mapToDouble(FunctionTimer::count).sum()).isEqualTo(200);
		assertThat(count("other")).isEqualTo(150);
		for (Meter meter : this.registry.getMeters()) {
			assertThat(meter.getId().getTags()).extracting(Tag::getKey).isSubsetOf("fingerprint", "le");
			assertThat(meter.getId().getTag("fingerprint")).matches("[0-9a-f]{16}|other");
			assertThat(meter.getId().getTags()).extracting(Tag::getValue)
				.allSatisfy((value) -> assertThat(value).doesNotContainIgnoringCase("select")
					.doesNotContain("table_")
					.doesNotContain("secret"));
		}
	}

	@Test
	void whenOtherFingerprintsOvertakeAMemberThenItsSeriesIsRemovedAndTheCountStaysBounded() {
		Fingerprint first = run("select 1 from a", 10, MILLI);
		TopFingerprintMetrics metrics = new TopFingerprintMetrics(this.store, 2, Duration.ofSeconds(15));
		metrics.bindTo(this.registry);
		assertThat(series(first)).hasSize(13);
		Fingerprint second = run("select 1 from b", 20, MILLI);
		Fingerprint third = run("select 1 from c", 30, MILLI);
		metrics.refresh();
		assertThat(series(first)).isEmpty();
		assertThat(series(second)).hasSize(13);
		assertThat(series(third)).hasSize(13);
		assertThat(this.registry.find("dbperf.queries").functionTimers()).hasSize(3);
		assertThat(count("other")).as("what the newcomers ran before they entered").isEqualTo(20 + 30);
	}

	@Test
	void whenMembershipChangesThenNoSeriesDecreasesAndEveryExecutionIsCountedOnceInTheIncreases() {
		TopFingerprintMetrics metrics = new TopFingerprintMetrics(this.store, 1, Duration.ofSeconds(15));
		Fingerprint a = run("select 1 from a", 10, MILLI);
		metrics.bindTo(this.registry);
		Scrapes scrapes = new Scrapes();
		scrapes.scrape();
		assertThat(counts()).containsEntry(a.id(), 10.0).containsEntry("other", 0.0);
		Fingerprint b = run("select 1 from b", 20, MILLI);
		metrics.refresh();
		scrapes.scrape();
		assertThat(counts()).containsOnlyKeys(b.id(), "other")
			.as("a newcomer after the first bind starts at 0, what it ran before is in other")
			.containsEntry(b.id(), 0.0);
		run("select 1 from a", 30, MILLI);
		metrics.refresh();
		scrapes.scrape();
		assertThat(counts()).containsOnlyKeys(a.id(), "other")
			.as("a returning member continues where its series stopped")
			.containsEntry(a.id(), 10.0);
		assertThat(bucket(a, "+Inf")).isEqualTo(10);
		run("select 1 from a", 5, MILLI);
		metrics.refresh();
		scrapes.scrape();
		assertThat(count(a.id())).isEqualTo(15);
		assertThat(bucket(a, "+Inf")).isEqualTo(15);
		assertThat(scrapes.decreases).isEmpty();
		assertThat(scrapes.increase("count")).isEqualTo(20 + 30 + 5);
		assertThat(scrapes.increase("sum")).isEqualTo((20 + 30 + 5) * MILLI);
	}

	@Test
	void whenAFormerMemberIsEvictedAndReturnsThenItsSeriesNeverGoesBackwards() {
		TopFingerprintMetrics metrics = new TopFingerprintMetrics(this.store, 1, Duration.ofSeconds(15));
		Fingerprint a = run("select 1 from a", 10, MILLI);
		metrics.bindTo(this.registry);
		Scrapes scrapes = new Scrapes();
		scrapes.scrape();
		run("select 1 from b", 20, MILLI);
		metrics.refresh();
		scrapes.scrape();
		assertThat(series(a)).isEmpty();
		this.store.reset();
		metrics.refresh();
		scrapes.scrape();
		run("select 1 from a", 3, MILLI);
		metrics.refresh();
		scrapes.scrape();
		assertThat(count(a.id())).isEqualTo(10);
		assertThat(bucket(a, "+Inf")).isEqualTo(10);
		run("select 1 from a", 2, MILLI);
		metrics.refresh();
		scrapes.scrape();
		assertThat(count(a.id())).isEqualTo(12);
		assertThat(bucket(a, "+Inf")).isEqualTo(12);
		assertThat(scrapes.decreases).isEmpty();
		assertThat(scrapes.increase("count")).isEqualTo(20 + 3 + 2);
		assertThat(scrapes.increase("sum")).isEqualTo((20 + 3 + 2) * MILLI);
	}

	@Test
	void whenTheStoreIsResetThenAMemberSeriesKeepsCountingUpwards() {
		Fingerprint a = run("select 1 from a", 10, MILLI);
		TopFingerprintMetrics metrics = new TopFingerprintMetrics(this.store, 1, Duration.ofSeconds(15));
		metrics.bindTo(this.registry);
		this.store.reset();
		run("select 1 from a", 3, MILLI);
		metrics.refresh();
		assertThat(count(a.id())).isEqualTo(13);
		assertThat(bucket(a, "+Inf")).isEqualTo(13);
	}

	@Test
	void whenLatenciesAreRecordedThenBucketsAreCumulativePerBound() {
		Fingerprint a = run("select 1 from a", 3, 2 * MILLI);
		run("select 1 from a", 1, 20 * MILLI);
		TopFingerprintMetrics metrics = new TopFingerprintMetrics(this.store, 5, Duration.ofSeconds(15));
		metrics.bindTo(this.registry);
		assertThat(bucket(a, "0.001")).isZero();
		assertThat(bucket(a, "0.005")).isEqualTo(3);
		assertThat(bucket(a, "0.01")).isEqualTo(3);
		assertThat(bucket(a, "0.025")).isEqualTo(4);
		assertThat(bucket(a, "1")).isEqualTo(4);
		assertThat(bucket(a, "0.0001")).isZero();
		assertThat(bucket(a, "+Inf")).isEqualTo(4);
		run("select 1 from a", 2, 700 * MILLI);
		metrics.refresh();
		assertThat(bucket(a, "0.5")).isEqualTo(4);
		assertThat(bucket(a, "1")).isEqualTo(6);
		FunctionTimer timer = this.registry.find("dbperf.queries").tag("fingerprint", a.id()).functionTimer();
		assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3 * 2 + 20 + 2 * 700);
	}

	@Test
	void whenNoRegistryIsBoundThenNothingIsComputedOrScheduled() {
		run("select 1 from a", 1, MILLI);
		TopFingerprintMetrics metrics = new TopFingerprintMetrics(this.store, 5, Duration.ofSeconds(15));
		metrics.refresh();
		metrics.start();
		assertThat(metrics.isRunning()).isFalse();
		metrics.bindTo(this.registry);
		metrics.start();
		try {
			assertThat(metrics.isRunning()).isTrue();
		}
		finally {
			metrics.stop();
		}
		assertThat(metrics.isRunning()).isFalse();
	}

	private Map<String, Double> counts() {
		Map<String, Double> counts = new HashMap<>();
		for (FunctionTimer timer : this.registry.find("dbperf.queries").functionTimers()) {
			counts.put(timer.getId().getTag("fingerprint"), timer.count());
		}
		return counts;
	}

	private double count(String fingerprint) {
		return this.registry.find("dbperf.queries").tag("fingerprint", fingerprint).functionTimer().count();
	}

	private double bucket(Fingerprint fingerprint, String le) {
		FunctionCounter counter = this.registry.find("dbperf.queries.latency")
			.tags("fingerprint", fingerprint.id(), "le", le)
			.functionCounter();
		return counter.count();
	}

	private List<Meter> series(Fingerprint fingerprint) {
		return this.registry.getMeters()
			.stream()
			.filter((meter) -> fingerprint.id().equals(meter.getId().getTag("fingerprint")))
			.toList();
	}

	private Fingerprint run(String sql, int times, long nanos) {
		Fingerprint fingerprint = SqlFingerprinter.compute(sql);
		StatementEvent event = new StatementEvent("dataSource", sql, fingerprint, nanos, true, 0, -1, null, null, null,
				0);
		for (int i = 0; i < times; i++) {
			this.store.onStatement(event);
		}
		return fingerprint;
	}

	/**
	 * What Prometheus makes of a scrape after each refresh: the increase of a series is
	 * measured from its last sample, however long ago (a series that left and came back
	 * keeps its label set), its first sample is no increase, and a lower value is a
	 * counter reset whose whole new value counts.
	 */
	private final class Scrapes {

		private final Map<String, Double> last = new HashMap<>();

		private final Map<String, Double> increases = new HashMap<>();

		private final List<String> decreases = new ArrayList<>();

		void scrape() {
			for (FunctionTimer timer : TopFingerprintMetricsTests.this.registry.find("dbperf.queries")
				.functionTimers()) {
				sample("count", timer.getId(), timer.count());
				sample("sum", timer.getId(), timer.totalTime(TimeUnit.NANOSECONDS));
			}
			for (FunctionCounter counter : TopFingerprintMetricsTests.this.registry.find("dbperf.queries.latency")
				.functionCounters()) {
				sample("le=" + counter.getId().getTag("le"), counter.getId(), counter.count());
			}
		}

		private void sample(String kind, Meter.Id id, double value) {
			String series = kind + " " + id.getTags();
			Double previous = this.last.put(series, value);
			if (previous == null) {
				return;
			}
			if (value < previous) {
				this.decreases.add(series + ": " + previous + " -> " + value);
			}
			this.increases.merge(kind, (value < previous) ? value : value - previous, Double::sum);
		}

		double increase(String kind) {
			return this.increases.getOrDefault(kind, 0.0);
		}

	}

	private static Set<String> union(Set<String> first, String extra) {
		Set<String> union = new HashSet<>(first);
		union.add(extra);
		return union;
	}

}
