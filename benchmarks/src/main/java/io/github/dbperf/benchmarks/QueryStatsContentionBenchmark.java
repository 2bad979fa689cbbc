package io.github.dbperf.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.dbperf.context.ApplicationFrames;
import io.github.dbperf.jdbc.StatementEvent;
import io.github.dbperf.query.QueryStore;
import io.github.dbperf.sql.Fingerprint;
import io.github.dbperf.sql.SqlFingerprinter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One hot fingerprint recorded into the {@link QueryStore} from eight threads at once
 * (the contended case) and from one thread (the floor), so the cost of serialising on the
 * fingerprint's statistics shows as the difference.
 *
 * @author dbperf
 * @since 0.1.0
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-XX:+AlwaysPreTouch", "-Xms1g", "-Xmx1g" })
public class QueryStatsContentionBenchmark {

	private QueryStore store;

	private StatementEvent event;

	@Setup
	public void setUp() {
		this.store = new QueryStore(5000, Duration.ofMillis(100), 2048,
				new ApplicationFrames(List.of("io.github.dbperf.benchmarks")));
		String sql = "select o.id, o.name from owner o where o.id = ?";
		Fingerprint fingerprint = new SqlFingerprinter().fingerprint(sql);
		this.event = new StatementEvent("dataSource", sql, fingerprint, 250_000, true, 1, 1, "OwnerRepository.findById",
				"GET /owners/{id}", null, 0);
	}

	@Benchmark
	@Threads(8)
	public void eightThreadsOneFingerprint() {
		this.store.onStatement(this.event);
	}

	@Benchmark
	@Threads(1)
	public void oneThreadOneFingerprint() {
		this.store.onStatement(this.event);
	}

}
