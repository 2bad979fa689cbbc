package io.github.dbperf.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.dbperf.context.ApplicationFrames;
import io.github.dbperf.jdbc.CaptureListener;
import io.github.dbperf.nplusone.IncidentStore;
import io.github.dbperf.nplusone.NPlusOneDetector;
import io.github.dbperf.nplusone.NPlusOneMode;
import io.github.dbperf.nplusone.UnitOfWork;
import io.github.dbperf.pool.ConnectionTimings;
import io.github.dbperf.pool.ConnectionTracker;
import io.github.dbperf.query.QueryStore;
import io.github.dbperf.query.SlowQueryLog;
import io.github.dbperf.sql.SqlFingerprinter;
import io.github.dbperf.query.StatementMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.StatementType;
import net.ttddyy.dsproxy.listener.NoOpQueryExecutionListener;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.proxy.ParameterSetOperation;
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
 * Exactly what dbperf adds per statement on top of datasource-proxy: the capture listener
 * with every consumer (fingerprint lookup, query store, slow-query check, Micrometer
 * timer) against datasource-proxy's no-op listener, and connection tracking per checkout
 * against datasource-proxy's default connection-id manager.
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

	private final QueryExecutionListener noop = new NoOpQueryExecutionListener();

	private QueryExecutionListener capture;

	private final net.ttddyy.dsproxy.proxy.DefaultConnectionIdManager defaultIds = new net.ttddyy.dsproxy.proxy.DefaultConnectionIdManager();

	private ConnectionTracker tracker;

	private ExecutionInfo execution;

	private List<QueryInfo> queries;

	private QueryExecutionListener captureWithDetection;

	private NPlusOneDetector detector;

	private @Nullable UnitOfWork unit;

	private int calls;

	@Setup
	public void setUp() {
		ApplicationFrames frames = new ApplicationFrames(List.of("com.example"));
		StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("registry", new SimpleMeterRegistry()));
		this.capture = new CaptureListener(new SqlFingerprinter(),
				List.of(new QueryStore(5000, Duration.ofMillis(100), 2000, frames),
						new SlowQueryLog(Duration.ofMillis(100), Duration.ofSeconds(10), frames),
						new StatementMetrics(beans.getBeanProvider(MeterRegistry.class), Duration.ofMillis(100), 100)),
				false);
		this.tracker = new ConnectionTracker("dataSource", Duration.ofMillis(200), 20, Duration.ofSeconds(60), frames,
				ConnectionTimings.NONE);
		this.execution = new ExecutionInfo();
		this.execution.setDataSourceName("dataSource");
		this.execution.setElapsedTime(1_000);
		this.execution.setSuccess(true);
		this.execution.setStatementType(StatementType.PREPARED);
		this.queries = List.of(new QueryInfo("select id, name from item where id = ?"));
		this.queries.get(0).getParametersList().add(List.of(new ParameterSetOperation(null, new Object[] { 1, 7 })));
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
				false);
	}

	@TearDown
	public void tearDown() {
		this.detector.close(this.unit);
	}

	@Benchmark
	public void listenerFloor() {
		this.noop.afterQuery(this.execution, this.queries);
	}

	@Benchmark
	public void listenerDbperf() {
		this.capture.afterQuery(this.execution, this.queries);
	}

	@Benchmark
	public void listenerDbperfInUnitOfWork() {
		if (this.calls++ % 10 == 0) {
			this.detector.close(this.unit);
			this.unit = this.detector.open("benchmark");
		}
		this.captureWithDetection.afterQuery(this.execution, this.queries);
	}

	@Benchmark
	public void checkoutFloor() {
		this.defaultIds.addClosedId(this.defaultIds.getId(null));
	}

	@Benchmark
	public void checkoutDbperf() {
		String id = this.tracker.getId(null);
		this.tracker.acquired(5_000, false);
		this.tracker.addClosedId(id);
	}

}
