package io.github.dbperf.benchmarks;

import java.io.File;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * A load driver for the sample app on PostgreSQL. Starts an embedded PostgreSQL and runs
 * the sample app jar on it ({@code postgres} profile, Caffeine tier), then:
 * <ol>
 * <li>drives every endpoint with the database on loopback and reports requests per
 * second, p50, p99 and the CPU the app and PostgreSQL spent per request;</li>
 * <li>drives them again through {@link DelayProxy} at each round-trip time in
 * {@code load.roundTrips}, as if the database sat across a network;</li>
 * <li>compares dbperf enabled and disabled: startup time over {@code load.rounds} starts
 * of each in a random order, then {@code /posts} on both apps at once, each with its own
 * clients, warmed up for {@code load.costWarmup} seconds and measured in
 * {@code load.windows} windows. When {@code taskset} exists both apps share CPU 1 and
 * everything else runs on CPU 0, so that the apps, not the load generator, saturate.</li>
 * </ol>
 * The app needs minutes of load before its throughput stops rising (more on one CPU), so
 * every measurement comes after a warm-up ({@code load.warmup} seconds for the endpoint
 * tables). Run by hand:
 *
 * <pre>
 * ./mvnw -q -DskipTests clean install &amp;&amp; java -cp benchmarks/target/benchmarks.jar io.github.dbperf.benchmarks.SampleAppLoad
 * </pre>
 *
 * System properties: {@code load.warmup} (default 150), {@code load.costWarmup} (default
 * 480), {@code load.seconds} (per measurement, default 20), {@code load.roundTrips}
 * (milliseconds, default {@code 0,0.2,0.5,1}), {@code load.rounds} (default 5),
 * {@code load.windows} (default 10), {@code load.enabledArgs} (more arguments for the app
 * with dbperf enabled), {@code load.seed}, {@code load.skip} (any of {@code endpoints},
 * {@code network}, {@code cost}).
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class SampleAppLoad {

	private static final int CLIENTS = 8;

	private static final int PORT = 18080;

	private static final Duration WARMUP = Duration.ofSeconds(Integer.getInteger("load.warmup", 150));

	private static final Duration COST_WARMUP = Duration.ofSeconds(Integer.getInteger("load.costWarmup", 480));

	private static final Duration MEASURE = Duration.ofSeconds(Integer.getInteger("load.seconds", 20));

	private static final String SKIP = System.getProperty("load.skip", "");

	private static final String NAIVE = "/posts/naive?size=100";

	private static final String POSTS = "/posts?size=100";

	private static final String UNCACHED = "/categories/uncached";

	private static final List<String> ENDPOINTS = List.of(NAIVE, POSTS, "/posts/batched?size=100", UNCACHED,
			"/categories");

	private final CloseableHttpClient http = HttpClients.custom()
		.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
			.setMaxConnTotal(2 * CLIENTS)
			.setMaxConnPerRoute(CLIENTS)
			.build())
		.build();

	private final String jar;

	private final EmbeddedPostgres postgres;

	private SampleAppLoad(String jar, EmbeddedPostgres postgres) {
		this.jar = jar;
		this.postgres = postgres;
	}

	public static void main(String[] args) throws Exception {
		String jar = (args.length > 0) ? args[0] : "sample-app/target/dbperf-sample-app.jar";
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
			SampleAppLoad load = new SampleAppLoad(jar, postgres);
			List<String> report = new ArrayList<>();
			if (!SKIP.contains("endpoints")) {
				report.addAll(load.endpoints());
			}
			if (!SKIP.contains("network")) {
				report.addAll(load.network());
			}
			if (!SKIP.contains("cost")) {
				report.addAll(load.cost());
			}
			System.out.println();
			report.forEach(System.out::println);
		}
	}

	/**
	 * Every endpoint with the database on loopback.
	 */
	private List<String> endpoints() throws Exception {
		List<String> table = new ArrayList<>(List.of("", "Database on loopback",
				"| endpoint | requests/s | p50 ms | p99 ms | app CPU µs/request | PostgreSQL CPU µs/request |",
				"|---|---:|---:|---:|---:|---:|"));
		App app = start(jdbcUrl(this.postgres.getPort()), true, false, PORT);
		try {
			warmUp(app, ENDPOINTS);
			for (String endpoint : ENDPOINTS) {
				Result result = drive(app, endpoint);
				row(table,
						String.format(Locale.ROOT, "| `%s` | %.0f | %.2f | %.2f | %.0f | %.0f |", endpoint,
								result.throughput(), result.p50(), result.p99(), result.appCpuMicros(),
								result.databaseCpuMicros()));
			}
		}
		finally {
			app.stop();
		}
		return table;
	}

	/**
	 * Every endpoint with the database behind a round-trip delay.
	 */
	private List<String> network() throws Exception {
		List<String> table = new ArrayList<>(List.of("", "Database behind a network round trip",
				"| round trip (set / measured ms) | endpoint | requests/s | vs naive or uncached | p50 ms | p99 ms |",
				"|---|---|---:|---:|---:|---:|"));
		try (DelayProxy proxy = new DelayProxy("localhost", this.postgres.getPort())) {
			App app = start(jdbcUrl(proxy.port()), true, false, PORT);
			try {
				warmUp(app, ENDPOINTS);
				for (String roundTrip : System.getProperty("load.roundTrips", "0,0.2,0.5,1").split(",")) {
					proxy.roundTrip(Duration.ofNanos((long) (Double.parseDouble(roundTrip) * 1e6)));
					double measured = measureRoundTrip(proxy.port());
					double baseline = 0;
					for (String endpoint : ENDPOINTS) {
						Result result = drive(app, endpoint);
						boolean isBaseline = endpoint.equals(NAIVE) || endpoint.equals(UNCACHED);
						baseline = isBaseline ? result.throughput() : baseline;
						row(table,
								String.format(Locale.ROOT, "| %s / %.2f | `%s` | %.0f | %.1fx | %.2f | %.2f |",
										roundTrip, measured, endpoint, result.throughput(),
										result.throughput() / baseline, result.p50(), result.p99()));
					}
				}
			}
			finally {
				app.stop();
			}
		}
		return table;
	}

	/**
	 * The starter's own cost. Startup: the app started with dbperf enabled and disabled,
	 * in a random order per round. Steady state: both apps up at once and driven at the
	 * same time, each with its own clients, on the same CPU: whatever slows the machine
	 * slows both alike, and the app that needs more CPU per request serves fewer.
	 */
	private List<String> cost() throws Exception {
		boolean pin = pinToFirstCpu();
		int rounds = Integer.getInteger("load.rounds", 5);
		int windows = Integer.getInteger("load.windows", 10);
		Random random = new Random(Long.getLong("load.seed", 1));
		String url = jdbcUrl(this.postgres.getPort());
		List<String> table = new ArrayList<>(List.of("",
				"dbperf enabled vs disabled" + (pin ? " (apps on CPU 1, PostgreSQL and load on CPU 0)" : ""),
				"| round | dbperf | startup s | startup CPU s |", "|---|---|---:|---:|"));
		double[][] startup = new double[2][rounds];
		double[][] startupCpu = new double[2][rounds];
		for (int round = 0; round < rounds; round++) {
			for (boolean enabled : shuffled(random)) {
				int variant = enabled ? 0 : 1;
				App app = start(url, enabled, pin, PORT);
				app.stop();
				startup[variant][round] = app.startupSeconds();
				startupCpu[variant][round] = app.startupCpuSeconds();
				row(table, String.format(Locale.ROOT, "| %d | %s | %.2f | %.2f |", round + 1, enabled ? "on" : "off",
						app.startupSeconds(), app.startupCpuSeconds()));
			}
		}
		table.addAll(List.of("", "| window | dbperf | `/posts` requests/s | p99 ms | app CPU µs/request |",
				"|---|---|---:|---:|---:|"));
		double[][] throughput = new double[2][windows];
		double[][] cpu = new double[2][windows];
		App on = start(url, true, pin, PORT);
		App off = start(url, false, pin, PORT + 1);
		ExecutorService both = Executors.newFixedThreadPool(2);
		try {
			both.invokeAll(List.of(() -> run(on.port(), POSTS, COST_WARMUP, new Recorder(3)),
					() -> run(off.port(), POSTS, COST_WARMUP, new Recorder(3))));
			for (int window = 0; window < windows; window++) {
				Future<Result> enabled = both.submit(() -> drive(on, POSTS));
				Future<Result> disabled = both.submit(() -> drive(off, POSTS));
				for (int variant = 0; variant < 2; variant++) {
					Result result = ((variant == 0) ? enabled : disabled).get();
					throughput[variant][window] = result.throughput();
					cpu[variant][window] = result.appCpuMicros();
					row(table, String.format(Locale.ROOT, "| %d | %s | %.0f | %.2f | %.0f |", window + 1,
							(variant == 0) ? "on" : "off", result.throughput(), result.p99(), result.appCpuMicros()));
				}
			}
		}
		finally {
			both.shutdownNow();
			on.stop();
			off.stop();
		}
		table.add("");
		table.add(summary("`/posts` requests/s", throughput));
		table.add(summary("`/posts` app CPU µs/request", cpu));
		if (rounds > 0) {
			table.add(summary("startup wall s", startup));
			table.add(summary("startup CPU s", startupCpu));
		}
		return table;
	}

	/**
	 * Adds a table row and prints it at once, so that a long run shows its progress.
	 */
	private static void row(List<String> table, String row) {
		table.add(row);
		System.out.println(row);
	}

	private static List<Boolean> shuffled(Random random) {
		List<Boolean> order = new ArrayList<>(List.of(true, false));
		Collections.shuffle(order, random);
		return order;
	}

	/**
	 * Medians of each variant and the median of the per-round on/off ratios, which
	 * cancels drift between rounds.
	 */
	private static String summary(String what, double[][] values) {
		double[] ratios = new double[values[0].length];
		Arrays.setAll(ratios, (i) -> values[0][i] / values[1][i]);
		return String.format(Locale.ROOT,
				"%s: median on %.2f (%.2f-%.2f), off %.2f (%.2f-%.2f); per-round (window) on/off median %+.1f%% (%+.1f%% to %+.1f%%)",
				what, median(values[0]), min(values[0]), max(values[0]), median(values[1]), min(values[1]),
				max(values[1]), percent(median(ratios)), percent(min(ratios)), percent(max(ratios)));
	}

	private static double percent(double ratio) {
		return (ratio - 1) * 100;
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	private static double min(double[] values) {
		return Arrays.stream(values).min().orElse(0);
	}

	private static double max(double[] values) {
		return Arrays.stream(values).max().orElse(0);
	}

	/**
	 * Moves this JVM (the load generator) and PostgreSQL to CPU 0, leaving CPU 1 to the
	 * apps.
	 */
	private boolean pinToFirstCpu() throws Exception {
		if (Runtime.getRuntime().availableProcessors() < 2 || !new File("/usr/bin/taskset").canExecute()) {
			return false;
		}
		List<Long> pids = new ArrayList<>(postgresProcesses().stream().map(ProcessHandle::pid).toList());
		pids.add(ProcessHandle.current().pid());
		for (long pid : pids) {
			new ProcessBuilder("taskset", "-a", "-p", "-c", "0", Long.toString(pid)).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start()
				.waitFor();
		}
		return true;
	}

	private List<ProcessHandle> postgresProcesses() {
		return ProcessHandle.allProcesses()
			.filter((process) -> process.info()
				.command()
				.filter((command) -> command.contains("embedded-pg"))
				.isPresent())
			.toList();
	}

	private long postgresCpuNanos() {
		return postgresProcesses().stream().mapToLong(SampleAppLoad::cpuNanos).sum();
	}

	private static String jdbcUrl(int port) {
		return "jdbc:postgresql://localhost:" + port + "/postgres";
	}

	private double measureRoundTrip(int port) throws Exception {
		try (Connection connection = DriverManager.getConnection(jdbcUrl(port), "postgres", "postgres");
				Statement statement = connection.createStatement()) {
			double[] millis = new double[200];
			for (int i = 0; i < millis.length; i++) {
				long start = System.nanoTime();
				statement.execute("select 1");
				millis[i] = (System.nanoTime() - start) / 1e6;
			}
			return median(millis);
		}
	}

	private App start(String url, boolean enabled, boolean pin, int port) throws Exception {
		List<String> command = new ArrayList<>();
		if (pin) {
			command.addAll(List.of("taskset", "-c", "1"));
		}
		command.addAll(List.of(javaBinary(), "-Xmx1g", "-jar", this.jar, "--spring.profiles.active=postgres",
				"--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
				"--spring.datasource.password=postgres", "--server.port=" + port, "--dbperf.enabled=" + enabled,
				"--dbperf.cache.type=caffeine", "--logging.level.root=warn",
				"--logging.level.io.github.dbperf.nplusone=error"));
		if (enabled && !System.getProperty("load.enabledArgs", "").isBlank()) {
			command.addAll(List.of(System.getProperty("load.enabledArgs").trim().split("\\s+")));
		}
		long started = System.nanoTime();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log(port)).start();
		awaitUp(process, port);
		return new App(process, port, (System.nanoTime() - started) / 1e9, cpuNanos(process.toHandle()) / 1e9);
	}

	private static File log(int port) {
		return new File(System.getProperty("java.io.tmpdir"), "sample-app-load-" + port + ".log");
	}

	private static String javaBinary() {
		return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
	}

	private void awaitUp(Process process, int port) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
		while (System.nanoTime() < deadline && process.isAlive()) {
			try {
				if (get(port, "/posts?size=1") == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet
			}
			Thread.sleep(20);
		}
		throw new IllegalStateException("The sample app did not start; see " + log(port));
	}

	/**
	 * Warms the app's JIT on the given endpoints in turn until the warm-up time is spent.
	 */
	private void warmUp(App app, List<String> endpoints) throws Exception {
		Duration each = WARMUP.dividedBy(endpoints.size());
		for (String endpoint : endpoints) {
			run(app.port(), endpoint, each, new Recorder(3));
		}
	}

	private Result drive(App app, String endpoint) throws Exception {
		run(app.port(), endpoint, Duration.ofSeconds(3), new Recorder(3));
		Recorder recorder = new Recorder(3);
		long appCpu = cpuNanos(app.process().toHandle());
		long databaseCpu = postgresCpuNanos();
		long requests = run(app.port(), endpoint, MEASURE, recorder);
		appCpu = cpuNanos(app.process().toHandle()) - appCpu;
		databaseCpu = postgresCpuNanos() - databaseCpu;
		Histogram latencies = recorder.getIntervalHistogram();
		return new Result(requests / (double) MEASURE.toSeconds(), latencies.getValueAtPercentile(50) / 1e6,
				latencies.getValueAtPercentile(99) / 1e6, appCpu / 1e3 / requests, databaseCpu / 1e3 / requests);
	}

	/**
	 * CPU time a process used so far, all threads: unlike throughput on a shared machine,
	 * it does not depend on what else runs.
	 */
	private static long cpuNanos(ProcessHandle process) {
		return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
	}

	private long run(int port, String endpoint, Duration duration, Recorder recorder) throws Exception {
		AtomicBoolean stop = new AtomicBoolean();
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		try {
			List<Future<Long>> counts = new ArrayList<>();
			for (int i = 0; i < CLIENTS; i++) {
				counts.add(clients.submit(() -> {
					long done = 0;
					while (!stop.get()) {
						long start = System.nanoTime();
						if (get(port, endpoint) != 200) {
							throw new IllegalStateException(endpoint + " failed");
						}
						recorder.recordValue(System.nanoTime() - start);
						done++;
					}
					return done;
				}));
			}
			Thread.sleep(duration.toMillis());
			stop.set(true);
			long total = 0;
			for (Future<Long> count : counts) {
				total += count.get();
			}
			return total;
		}
		finally {
			clients.shutdownNow();
		}
	}

	private int get(int port, String path) throws IOException {
		return this.http.execute(new HttpGet("http://localhost:" + port + path), (response) -> {
			EntityUtils.consume(response.getEntity());
			return response.getCode();
		});
	}

	private record App(Process process, int port, double startupSeconds, double startupCpuSeconds) {

		void stop() throws InterruptedException {
			this.process.destroy();
			this.process.waitFor(30, TimeUnit.SECONDS);
		}

	}

	private record Result(double throughput, double p50, double p99, double appCpuMicros, double databaseCpuMicros) {

	}

}
