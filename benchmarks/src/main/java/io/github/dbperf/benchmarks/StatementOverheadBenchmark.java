package io.github.dbperf.benchmarks;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.p6spy.engine.spy.P6DataSource;
import com.zaxxer.hikari.HikariDataSource;
import io.github.dbperf.jdbc.CaptureListener;
import io.github.dbperf.jdbc.ConnectionEvents;
import io.github.dbperf.jdbc.DbperfDataSource;
import io.github.dbperf.nplusone.QueryScope;
import io.github.dbperf.sql.SqlFingerprinter;
import net.ttddyy.dsproxy.listener.NoOpQueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * A primary-key lookup through a HikariCP pool: raw, behind datasource-proxy with a no-op
 * listener (the proxying floor), behind p6spy without logging, behind dbperf's wrappers
 * with no consumer ({@code dbperf-wrappers}), in the Spring Boot application with dbperf
 * disabled ({@code boot}) and behind dbperf with everything on (auto-configured by Spring
 * Boot, with a Micrometer registry).
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
public class StatementOverheadBenchmark {

	@Param({ "h2", "postgres" })
	public String database;

	@Param({ "raw", "datasource-proxy", "p6spy", "dbperf-wrappers", "boot", "dbperf", "dbperf-tuned", "dbperf-units",
			"dbperf-nplusone" })
	public String variant;

	private static final int STATEMENTS_PER_UNIT = 10;

	private boolean units;

	private @Nullable QueryScope scope;

	private @Nullable HikariDataSource pool;

	private @Nullable ConfigurableApplicationContext context;

	private DataSource dataSource;

	private int id;

	@Setup(Level.Trial)
	public void setUp() throws SQLException {
		String jdbcUrl = Databases.jdbcUrl(this.database);
		switch (this.variant) {
			case "raw" -> this.dataSource = this.pool = Databases.pool(jdbcUrl);
			case "datasource-proxy" -> {
				this.pool = Databases.pool(jdbcUrl);
				this.dataSource = ProxyDataSourceBuilder.create(this.pool)
					.listener(new NoOpQueryExecutionListener())
					.build();
			}
			case "dbperf-wrappers" -> {
				// dbperf's wrappers and event path with no consumer: what capture costs
				// before anything is recorded
				this.pool = Databases.pool(jdbcUrl);
				this.dataSource = new DbperfDataSource("dataSource", this.pool,
						new CaptureListener(new SqlFingerprinter(), List.of(), false).forDataSource("dataSource", null),
						ConnectionEvents.NONE);
			}
			case "p6spy" -> {
				// The spy without its logging module
				System.setProperty("p6spy.config.modulelist", "com.p6spy.engine.spy.P6SpyFactory");
				this.pool = Databases.pool(jdbcUrl);
				this.dataSource = new P6DataSource(this.pool);
			}
			case "boot", "dbperf", "dbperf-tuned", "dbperf-units", "dbperf-nplusone" -> {
				// "dbperf" keeps HikariCP's defaults so only capture is measured;
				// "dbperf-tuned" adds the tuned pool, whose leak detection costs HikariCP
				// a stack trace per checkout; "dbperf-units" runs every 10 lookups in a
				// unit of work under N+1 tracking with nothing to report;
				// "dbperf-nplusone" makes every unit an N+1 incident (the worst case);
				// "boot" is the same application with dbperf disabled
				this.units = this.variant.equals("dbperf-units") || this.variant.equals("dbperf-nplusone");
				this.context = new SpringApplicationBuilder(DbperfApplication.class).web(WebApplicationType.NONE)
					.properties("spring.datasource.url=" + jdbcUrl, "spring.datasource.hikari.maximum-pool-size=4",
							"spring.main.banner-mode=off", "logging.level.root=warn",
							"logging.level.io.github.dbperf.nplusone=error",
							"dbperf.application-packages=io.github.dbperf.benchmarks",
							"dbperf.enabled=" + !this.variant.equals("boot"),
							"dbperf.pool.tuning.enabled=" + this.variant.equals("dbperf-tuned"),
							"dbperf.nplusone.mode=" + (this.units ? "log" : "off"),
							"dbperf.nplusone.min-repeats=" + (this.variant.equals("dbperf-units") ? 1000 : 3))
					.run();
				this.dataSource = this.context.getBean(DataSource.class);
			}
			default -> throw new IllegalArgumentException(this.variant);
		}
		Databases.createTable(this.dataSource);
	}

	@TearDown(Level.Trial)
	public void tearDown() throws IOException {
		if (this.scope != null) {
			this.scope.close();
		}
		if (this.context != null) {
			this.context.close();
		}
		if (this.pool != null) {
			this.pool.close();
		}
		Databases.stop();
	}

	@Benchmark
	public String primaryKeyLookup() throws SQLException {
		this.id = (this.id + 1) % 1000;
		if (this.units && this.id % STATEMENTS_PER_UNIT == 0) {
			if (this.scope != null) {
				this.scope.close();
			}
			this.scope = QueryScope.open("benchmark");
		}
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement("select id, name from item where id = ?")) {
			statement.setInt(1, this.id);
			try (ResultSet resultSet = statement.executeQuery()) {
				resultSet.next();
				return resultSet.getString(2);
			}
		}
	}

	/**
	 * The smallest Spring Boot application with dbperf auto-configured.
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, MetricsAutoConfiguration.class,
			CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
			io.github.dbperf.autoconfigure.DbperfAutoConfiguration.class,
			io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration.class,
			io.github.dbperf.autoconfigure.query.QueryAutoConfiguration.class,
			io.github.dbperf.autoconfigure.pool.PoolAutoConfiguration.class,
			io.github.dbperf.autoconfigure.nplusone.NPlusOneAutoConfiguration.class })
	public static class DbperfApplication {

	}

}
