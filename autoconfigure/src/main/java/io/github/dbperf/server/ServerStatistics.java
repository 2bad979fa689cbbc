package io.github.dbperf.server;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.github.dbperf.context.DbperfFailures;
import io.github.dbperf.jdbc.CapturedDataSources;
import io.github.dbperf.jdbc.DbperfDataSource;
import io.github.dbperf.sql.SqlDialect;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The database's own statement statistics, per DataSource, matched to dbperf's
 * fingerprints. Each DataSource's statistics are read on one background thread, through a
 * connection below dbperf's capture (so the read is not itself captured), only while its
 * pool has an idle connection, with a statement timeout and a row limit, and kept for a
 * maximum age. Whoever asks waits at most a little longer than the timeout, and a failure
 * only shows as the reason there are no numbers.
 *
 * @author dbperf
 * @since 0.2.0
 */
public final class ServerStatistics implements AutoCloseable {

	private static final String NOT_HIKARI = "dbperf reads the server's statistics only through HikariCP pools, "
			+ "where it can see an idle connection: this DataSource's pool cannot be seen, so none is borrowed";

	private final Supplier<Map<String, DataSource>> dataSources;

	private final Duration maxAge;

	private final int maxRows;

	private final int timeoutSeconds;

	private final ExecutorService reader;

	private final Map<String, Reading> readings = new ConcurrentHashMap<>();

	/**
	 * Create a new instance.
	 * @param dataSources the DataSource beans by name
	 * @param maxAge how long a read is kept
	 * @param maxRows the most server entries read per DataSource
	 * @param statementTimeout the statement timeout of each read (whole seconds, at least
	 * one)
	 */
	public ServerStatistics(Supplier<Map<String, DataSource>> dataSources, Duration maxAge, int maxRows,
			Duration statementTimeout) {
		this.dataSources = dataSources;
		this.maxAge = maxAge;
		this.maxRows = maxRows;
		this.timeoutSeconds = (int) Math.max(1, (statementTimeout.toMillis() + 999) / 1000);
		CustomizableThreadFactory threads = new CustomizableThreadFactory("dbperf-server-statistics-");
		threads.setDaemon(true);
		this.reader = Executors.newSingleThreadExecutor(threads);
	}

	/**
	 * Return the server's view of a fingerprint.
	 * @param dataSourceName the DataSource bean name the fingerprint ran on
	 * @param fingerprintId the fingerprint id
	 * @param applicationMeanMs the application's mean time of the fingerprint
	 * @return the view, with the reason when there are no numbers
	 */
	public ServerView view(String dataSourceName, String fingerprintId, double applicationMeanMs) {
		ServerSnapshot snapshot = snapshot(dataSourceName);
		return (snapshot != null) ? ServerView.of(snapshot, fingerprintId, applicationMeanMs) : ServerView.reading();
	}

	@Nullable ServerSnapshot snapshot(String dataSourceName) {
		Reading reading = this.readings.compute(dataSourceName, (name, current) -> {
			if (current != null && !current.stale(this.maxAge)) {
				return current;
			}
			ServerSnapshot previous = (current != null) ? current.completed() : null;
			return new Reading(CompletableFuture.supplyAsync(() -> read(name), this.reader), Instant.now(), previous);
		});
		try {
			return reading.snapshot().get(this.timeoutSeconds * 3L + 1, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return reading.previous();
		}
		catch (ExecutionException | TimeoutException ex) {
			return reading.previous();
		}
	}

	private ServerSnapshot read(String dataSourceName) {
		long start = System.nanoTime();
		try {
			DataSource dataSource = this.dataSources.get().get(dataSourceName);
			if (dataSource == null) {
				return ServerSnapshot.unavailable(null, "No DataSource bean named '" + dataSourceName + "'", List.of(),
						start);
			}
			DataSource target = belowCapture(dataSource);
			if (!IdleConnections.visible(target)) {
				return ServerSnapshot.unavailable(null, NOT_HIKARI, List.of(), start);
			}
			if (!IdleConnections.available(target)) {
				return ServerSnapshot.busy("The pool had no idle connection, so the statistics were not read: "
						+ "the application never waits for them");
			}
			try (Connection connection = target.getConnection()) {
				SqlDialect dialect = SqlDialect.fromProductName(connection.getMetaData().getDatabaseProductName());
				StatementStatisticsReader statements = reader(dialect);
				if (statements == null) {
					return ServerSnapshot.unavailable(null, "dbperf reads statement statistics from PostgreSQL, "
							+ "MySQL and MariaDB only, not " + connection.getMetaData().getDatabaseProductName(),
							List.of(), start);
				}
				return statements.read(connection, this.maxRows, this.timeoutSeconds, start);
			}
		}
		catch (SQLException | RuntimeException ex) {
			DbperfFailures.swallow("reading the server's statement statistics", ex);
			return ServerSnapshot.busy("Reading the server's statistics failed (" + ex.getClass().getSimpleName()
					+ ((ex instanceof SQLException sql) ? ", SQL state " + sql.getSQLState() : "") + ")");
		}
	}

	private static @Nullable StatementStatisticsReader reader(SqlDialect dialect) {
		return switch (dialect) {
			case POSTGRESQL -> new PostgresStatementsReader();
			case MYSQL -> new MySqlStatementsReader();
			default -> null;
		};
	}

	private static DataSource belowCapture(DataSource dataSource) {
		DbperfDataSource capture = CapturedDataSources.find(dataSource);
		DataSource target = (capture != null) ? capture.getTargetDataSource() : null;
		return (target != null) ? target : dataSource;
	}

	/**
	 * Stop the background reader.
	 */
	@Override
	public void close() {
		this.reader.shutdownNow();
	}

	/**
	 * A read of one DataSource's statistics, under way or done, and the one before it.
	 */
	private record Reading(CompletableFuture<ServerSnapshot> snapshot, Instant started,
			@Nullable ServerSnapshot previous) {

		boolean stale(Duration maxAge) {
			ServerSnapshot done = completed();
			if (done == null) {
				return this.snapshot.isDone() || this.started.plus(maxAge).isBefore(Instant.now());
			}
			return done.retry() || done.readAt().plus(maxAge).isBefore(Instant.now());
		}

		@Nullable ServerSnapshot completed() {
			return (this.snapshot.isDone() && !this.snapshot.isCompletedExceptionally()) ? this.snapshot.getNow(null)
					: this.previous;
		}

	}

}
