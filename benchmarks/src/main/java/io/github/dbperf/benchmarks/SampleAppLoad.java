package io.github.dbperf.benchmarks;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A small load driver for the sample app on PostgreSQL: starts an embedded PostgreSQL,
 * runs the sample app jar ({@code postgres} profile, Caffeine tier), drives each endpoint
 * with concurrent clients and reports requests per second, p50 and p99; then starts the
 * app alternately with dbperf enabled and disabled to measure the starter's own cost on
 * {@code /posts} and on startup time. Run by hand:
 *
 * <pre>
 * ./mvnw -q -DskipTests install &amp;&amp; java -cp benchmarks/target/benchmarks.jar io.github.dbperf.benchmarks.SampleAppLoad
 * </pre>
 *
 * System properties: {@code load.warmup} and {@code load.seconds} (per endpoint, default
 * 10 and 20), {@code load.rounds} (enabled/disabled pairs, default 3),
 * {@code load.overheadOnly} (skip the endpoint table).
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class SampleAppLoad {

	private static final int CLIENTS = 8;

	private static final int PORT = 18080;

	private static final int ROUNDS = Integer.getInteger("load.rounds", 3);

	private static final Duration WARMUP = Duration.ofSeconds(Integer.getInteger("load.warmup", 10));

	private static final Duration MEASURE = Duration.ofSeconds(Integer.getInteger("load.seconds", 20));

	private static final String[] ENDPOINTS = { "/posts/naive?size=100", "/posts?size=100", "/posts/batched?size=100",
			"/categories/uncached", "/categories" };

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private SampleAppLoad() {
	}

	public static void main(String[] args) throws Exception {
		String jar = (args.length > 0) ? args[0] : "sample-app/target/dbperf-sample-app.jar";
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
			String url = postgres.getJdbcUrl("postgres", "postgres");
			SampleAppLoad load = new SampleAppLoad();
			List<String> report = new ArrayList<>();
			report.add("| endpoint | requests/s | p50 ms | p99 ms | app CPU µs/request |");
			report.add("|---|---:|---:|---:|---:|");
			if (!Boolean.getBoolean("load.overheadOnly")) {
				Process app = load.start(jar, url, true, PORT);
				try {
					load.awaitUp(PORT);
					for (String endpoint : ENDPOINTS) {
						report.add(load.drive(PORT, endpoint, app).row(endpoint));
					}
				}
				finally {
					load.stop(app);
				}
			}
			// The starter's own cost: alternate enabled and disabled so drift hits both
			List<String> overhead = new ArrayList<>();
			overhead.add(
					"| round | dbperf | startup s | startup CPU s | `/posts` requests/s | p99 ms | app CPU µs/request |");
			overhead.add("|---|---|---:|---:|---:|---:|---:|");
			double[][] throughput = new double[2][ROUNDS];
			double[][] cpu = new double[2][ROUNDS];
			double[][] startup = new double[2][ROUNDS];
			double[][] startupCpu = new double[2][ROUNDS];
			for (int round = 0; round < ROUNDS; round++) {
				for (int variant = 0; variant < 2; variant++) {
					boolean enabled = variant == 0;
					long started = System.nanoTime();
					Process measured = load.start(jar, url, enabled, PORT);
					try {
						load.awaitUp(PORT);
						startup[variant][round] = (System.nanoTime() - started) / 1e9;
						startupCpu[variant][round] = cpuNanos(measured) / 1e9;
						Result result = load.drive(PORT, "/posts?size=100", measured);
						throughput[variant][round] = result.throughput();
						cpu[variant][round] = result.cpuMicrosPerRequest();
						overhead.add(String.format(Locale.ROOT, "| %d | %s | %.2f | %.2f | %.0f | %.2f | %.0f |",
								round + 1, enabled ? "on" : "off", startup[variant][round], startupCpu[variant][round],
								result.throughput(), result.p99(), result.cpuMicrosPerRequest()));
					}
					finally {
						load.stop(measured);
					}
				}
			}
			System.out.println();
			report.forEach(System.out::println);
			System.out.println();
			overhead.forEach(System.out::println);
			System.out.println();
			summary("/posts throughput", throughput);
			summary("/posts app CPU per request", cpu);
			summary("startup wall time", startup);
			summary("startup CPU time", startupCpu);
		}
	}

	private static void summary(String what, double[][] values) {
		double on = median(values[0]);
		double off = median(values[1]);
		System.out.printf(Locale.ROOT, "median %s: on %.2f, off %.2f (%+.1f%%)%n", what, on, off, (on / off - 1) * 100);
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		java.util.Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	private void stop(Process app) throws InterruptedException {
		app.destroy();
		app.waitFor(30, TimeUnit.SECONDS);
	}

	private Process start(String jar, String url, boolean enabled, int port) throws IOException {
		List<String> command = List.of(javaBinary(), "-Xmx1g", "-jar", jar, "--spring.profiles.active=postgres",
				"--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
				"--spring.datasource.password=postgres", "--server.port=" + port, "--dbperf.enabled=" + enabled,
				"--dbperf.cache.type=caffeine", "--logging.level.root=warn",
				"--logging.level.io.github.dbperf.nplusone=error");
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(new File(System.getProperty("java.io.tmpdir"), "sample-app-load.log"))
			.start();
	}

	private static String javaBinary() {
		return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
	}

	private void awaitUp(int port) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
		while (System.nanoTime() < deadline) {
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
		throw new IllegalStateException("The sample app did not start; see sample-app-load.log");
	}

	private Result drive(int port, String endpoint, Process app) throws Exception {
		run(port, endpoint, WARMUP, new Recorder(3));
		Recorder recorder = new Recorder(3);
		long cpuBefore = cpuNanos(app);
		long requests = run(port, endpoint, MEASURE, recorder);
		long cpu = cpuNanos(app) - cpuBefore;
		Histogram latencies = recorder.getIntervalHistogram();
		return new Result(requests / (double) MEASURE.toSeconds(), latencies.getValueAtPercentile(50) / 1e6,
				latencies.getValueAtPercentile(99) / 1e6, cpu / 1e3 / requests);
	}

	/**
	 * CPU time the app process used so far, all threads: unlike throughput on a shared
	 * machine, it does not depend on what else runs.
	 */
	private static long cpuNanos(Process app) {
		return app.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
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

	private int get(int port, String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private record Result(double throughput, double p50, double p99, double cpuMicrosPerRequest) {

		String row(String endpoint) {
			return String.format(Locale.ROOT, "| `%s` | %.0f | %.2f | %.2f | %.0f |", endpoint, this.throughput,
					this.p50, this.p99, this.cpuMicrosPerRequest);
		}

	}

}
