package io.github.dbperf.benchmarks;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.dbperf.context.ApplicationFrames;
import io.github.dbperf.jdbc.CaptureListener;
import io.github.dbperf.jdbc.ConnectionEvents;
import io.github.dbperf.jdbc.StatementParameters;
import io.github.dbperf.nplusone.IncidentStore;
import io.github.dbperf.nplusone.NPlusOneDetector;
import io.github.dbperf.nplusone.NPlusOneMode;
import io.github.dbperf.nplusone.UnitOfWork;
import io.github.dbperf.pool.ConnectionTimings;
import io.github.dbperf.pool.ConnectionTracker;
import io.github.dbperf.query.QueryStore;
import io.github.dbperf.query.SlowQueryLog;
import io.github.dbperf.query.StatementMetrics;
import io.github.dbperf.sql.SqlDialect;
import io.github.dbperf.sql.SqlFingerprinter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * Exactly what dbperf adds per statement on top of its JDBC wrappers: the capture
 * listener with every consumer (fingerprint lookup, query store, slow-query check,
 * Micrometer timer) against the same listener with no consumer (building the event), and
 * connection tracking per checkout against no tracking.
 *
 * @author dbperf
 * @since 0.1.0
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = { "-XX:+AlwaysPreTouch", "-Xms1g", "-Xmx1g" })
public class CaptureOverheadBenchmark {

	private static final String SQL = "select id, name from item where id = ?";

	// The dialect is given, so the connection is never asked for it
	private final Connection connection = (Connection) Proxy.newProxyInstance(
			CaptureOverheadBenchmark.class.getClassLoader(), new Class<?>[] { Connection.class },
			(proxy, method, args) -> {
				throw new UnsupportedOperationException(method.getName());
			});

	private final StatementParameters parameters = new OneParameter(7);

	private CaptureListener floor;

	private CaptureListener capture;

	private final ConnectionEvents noEvents = ConnectionEvents.NONE;

	private ConnectionTracker tracker;

	private CaptureListener captureWithDetection;

	private NPlusOneDetector detector;

	private @Nullable UnitOfWork unit;

	private int calls;

	// The wrappers pass the clock reading that ends each execution; a clock advancing
	// one microsecond per statement stands in, as for a hot statement
	private long endNanoTime = System.nanoTime();

	@Setup
	public void setUp() {
		ApplicationFrames frames = new ApplicationFrames(List.of("com.example"));
		StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("registry", new SimpleMeterRegistry()));
		this.floor = new CaptureListener(new SqlFingerprinter(), List.of(), false).forDataSource("dataSource",
				SqlDialect.H2);
		this.capture = new CaptureListener(new SqlFingerprinter(),
				List.of(new QueryStore(5000, Duration.ofMillis(100), 2000, frames),
						new SlowQueryLog(Duration.ofMillis(100), Duration.ofSeconds(10), frames),
						new StatementMetrics(beans.getBeanProvider(MeterRegistry.class), Duration.ofMillis(100), 100)),
				false)
			.forDataSource("dataSource", SqlDialect.H2);
		this.tracker = new ConnectionTracker("dataSource", Duration.ofMillis(200), 20, Duration.ofSeconds(60), frames,
				ConnectionTimings.NONE);
		// Units of 10 statements with nothing to report, as "dbperf-units" in
		// StatementOverheadBenchmark, but without the rest of the JDBC path
		this.detector = new NPlusOneDetector(
				new NPlusOneDetector.Settings(NPlusOneMode.LOG, 1000, Set.of(), 500, Duration.ofMinutes(1)), frames,
				(fingerprint, tables) -> null, new IncidentStore(500), (incident) -> {
				});
		this.captureWithDetection = new CaptureListener(new SqlFingerprinter(),
				List.of(new QueryStore(5000, Duration.ofMillis(100), 2000, frames),
						new SlowQueryLog(Duration.ofMillis(100), Duration.ofSeconds(10), frames),
						new StatementMetrics(beans.getBeanProvider(MeterRegistry.class), Duration.ofMillis(100), 100),
						this.detector),
				false)
			.forDataSource("dataSource", SqlDialect.H2);
	}

	@TearDown
	public void tearDown() {
		this.detector.close(this.unit);
	}

	@Benchmark
	public void listenerFloor() {
		this.floor.executed(this.connection, SQL, 1_000, this.endNanoTime += 1_000, true, 0, -1, this.parameters);
	}

	@Benchmark
	public void listenerDbperf() {
		this.capture.executed(this.connection, SQL, 1_000, this.endNanoTime += 1_000, true, 0, -1, this.parameters);
	}

	@Benchmark
	public void listenerDbperfInUnitOfWork() {
		if (this.calls++ % 10 == 0) {
			this.detector.close(this.unit);
			this.unit = this.detector.open("benchmark");
		}
		this.captureWithDetection.executed(this.connection, SQL, 1_000, this.endNanoTime += 1_000, true, 0, -1,
				this.parameters);
	}

	@Benchmark
	public void checkoutFloor() {
		Object hold = this.noEvents.opened(5_000);
		this.noEvents.acquired(5_000, false);
		this.noEvents.closed(hold);
	}

	@Benchmark
	public void checkoutDbperf() {
		Object hold = this.tracker.opened(5_000);
		this.tracker.acquired(5_000, false);
		this.tracker.closed(hold);
	}

	/**
	 * One bound integer, as a primary-key lookup has.
	 */
	private record OneParameter(int value) implements StatementParameters {

		@Override
		public long hash() {
			return 31 * 17 + this.value;
		}

		@Override
		public List<List<Object>> values() {
			return List.of(List.of(String.valueOf(this.value)));
		}

	}

}
