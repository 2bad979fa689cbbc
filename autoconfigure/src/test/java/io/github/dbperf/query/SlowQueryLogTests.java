package io.github.dbperf.query;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.github.dbperf.context.ApplicationFrames;
import io.github.dbperf.jdbc.StatementEvent;
import io.github.dbperf.sql.Fingerprint;
import io.github.dbperf.sql.SqlFingerprinter;
import io.github.dbperf.sql.SqlText;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SlowQueryLog}: one line per fingerprint per interval, and the state of
 * a fingerprint logged often kept when more fingerprints than the bound are slow.
 */
@ExtendWith(OutputCaptureExtension.class)
class SlowQueryLogTests {

	private static final ApplicationFrames FRAMES = new ApplicationFrames(List.of("com.example"));

	private final AtomicLong now = new AtomicLong(1_000_000);

	@Test
	void whenAFingerprintIsSlowAgainWithinTheIntervalThenTheNextLineAfterItSaysHowManyWereLeftOut(
			CapturedOutput output) {
		SlowQueryLog log = log(1000);
		StatementEvent slow = slowEvent("select * from hot where id = ?");
		for (int i = 0; i < 4; i++) {
			log.onStatement(slow);
		}
		assertThat(lines(output, slow)).hasSize(1);
		this.now.addAndGet(Duration.ofMinutes(1).toMillis());
		log.onStatement(slow);
		assertThat(lines(output, slow)).hasSize(2).last().asString().contains("(3 more since the last line)");
	}

	@Test
	void whenTheIntervalIsZeroThenEverySlowStatementIsLogged(CapturedOutput output) {
		SlowQueryLog log = new SlowQueryLog(Duration.ofMillis(1), Duration.ZERO, FRAMES, SqlText.DEFAULT_MAX_LENGTH,
				false, false, 1000, this.now::get);
		StatementEvent slow = slowEvent("select * from hot where id = ?");
		for (int i = 0; i < 3; i++) {
			log.onStatement(slow);
		}
		assertThat(lines(output, slow)).hasSize(3).noneMatch((line) -> line.contains("more since the last line"));
	}

	@Test
	void whenMoreFingerprintsThanTheBoundAreSlowThenAHotOneKeepsItsState(CapturedOutput output) {
		SlowQueryLog log = log(16);
		StatementEvent hot = slowEvent("select * from hot where id = ?");
		log.onStatement(hot);
		for (int i = 0; i < 100; i++) {
			log.onStatement(slowEvent("select * from cold_" + i + " where id = ?"));
			log.onStatement(hot);
		}
		assertThat(lines(output, hot)).as("still inside the interval: not logged again").hasSize(1);
		this.now.addAndGet(Duration.ofMinutes(1).toMillis());
		log.onStatement(hot);
		assertThat(lines(output, hot)).hasSize(2).last().asString().contains("(100 more since the last line)");
	}

	@Test
	void whenAHookIsSetThenSlowStatementsReachItAndTheLineNamesThePlan(CapturedOutput output) {
		List<String> told = new java.util.ArrayList<>();
		SlowQueryHook hook = new SlowQueryHook() {

			@Override
			public void slow(StatementEvent event) {
				told.add(event.fingerprint().id());
			}

			@Override
			public String headline(String fingerprintId) {
				return "Seq Scan on post (est. 100,000 rows)";
			}

		};
		SlowQueryLog log = new SlowQueryLog(Duration.ofMillis(1), Duration.ZERO, FRAMES, SqlText.DEFAULT_MAX_LENGTH,
				false, false, 1000, this.now::get, hook);
		StatementEvent slow = slowEvent("select * from post where title = ?");
		Fingerprint fast = SqlFingerprinter.compute("select * from post where id = ?");
		log.onStatement(new StatementEvent("dataSource", fast.sql(), fast, 1000, true, 0, -1, null, null, null, 0));
		log.onStatement(slow);
		assertThat(told).containsExactly(slow.fingerprint().id());
		assertThat(lines(output, slow)).singleElement()
			.asString()
			.contains("plan: Seq Scan on post (est. 100,000 rows)");
	}

	@Test
	void whenValuesAreHeldForAPlanThenTheHookGetsThemButNeitherTheLineNorTheStoreShowsThem(CapturedOutput output) {
		List<StatementEvent> told = new java.util.ArrayList<>();
		SlowQueryHook hook = new SlowQueryHook() {

			@Override
			public void slow(StatementEvent event) {
				told.add(event);
			}

			@Override
			public @Nullable String headline(String fingerprintId) {
				return null;
			}

		};
		SlowQueryLog log = new SlowQueryLog(Duration.ofMillis(1), Duration.ZERO, FRAMES, SqlText.DEFAULT_MAX_LENGTH,
				false, false, 1000, this.now::get, hook);
		QueryStore store = new QueryStore(100, Duration.ofMillis(1), SqlText.DEFAULT_MAX_LENGTH, FRAMES);
		String sql = "select * from account where email = ?";
		Fingerprint fingerprint = SqlFingerprinter.compute(sql);
		StatementEvent slow = new StatementEvent("dataSource", sql, fingerprint, Duration.ofMillis(5).toNanos(), true,
				0, -1, null, null, null, 0, false, false, false, List.of(List.of("s3cr3t@example.com")));
		log.onStatement(slow);
		store.onStatement(slow);
		assertThat(told).singleElement()
			.satisfies((event) -> assertThat(event.planValues()).containsExactly(List.of("s3cr3t@example.com")));
		assertThat(lines(output, slow)).singleElement().asString().doesNotContain("s3cr3t");
		assertThat(output.getAll()).doesNotContain("s3cr3t");
		assertThat(String.valueOf(store.detail(fingerprint.id()))).contains("account").doesNotContain("s3cr3t");
	}

	private SlowQueryLog log(int maxTracked) {
		return new SlowQueryLog(Duration.ofMillis(1), Duration.ofSeconds(10), FRAMES, SqlText.DEFAULT_MAX_LENGTH, false,
				false, maxTracked, this.now::get);
	}

	private static StatementEvent slowEvent(String sql) {
		Fingerprint fingerprint = SqlFingerprinter.compute(sql);
		return new StatementEvent("dataSource", sql, fingerprint, Duration.ofMillis(5).toNanos(), true, 0, -1, null,
				null, null, 0);
	}

	private static List<String> lines(CapturedOutput output, StatementEvent event) {
		return output.getAll()
			.lines()
			.filter((line) -> line.contains("Slow query: ") && line.contains(event.fingerprint().id()))
			.toList();
	}

}
