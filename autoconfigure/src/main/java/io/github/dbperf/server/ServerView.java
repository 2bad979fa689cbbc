package io.github.dbperf.server;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.jspecify.annotations.Nullable;

/**
 * The database's view of one fingerprint, beside the application's: what the server
 * spent, and the difference between the application's mean and the server's, which is the
 * network, the driver and the wait for a pooled connection's statement. When there are no
 * numbers, {@code reason} says why and {@code enable} how to turn them on.
 *
 * @param status {@code matched}, {@code not-found} (not among the entries read),
 * {@code unavailable} or {@code reading} (ask again)
 * @param source where the numbers come from, such as {@code pg_stat_statements}
 * @param reason why there are no numbers, or what is missing from them
 * @param enable the exact lines that turn the statistics on
 * @param statement the server's numbers
 * @param applicationMeanMs the application's mean time, as dbperf measured it
 * @param outsideServerMs the application's mean minus the server's mean
 * @param readAt when the statistics were read
 * @param readMs how long reading them took
 * @author dbperf
 * @since 0.2.0
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ServerView(String status, @Nullable String source, @Nullable String reason, List<String> enable,
		@JsonUnwrapped @Nullable ServerStatement statement, @Nullable Double applicationMeanMs,
		@Nullable Double outsideServerMs, @Nullable Instant readAt, @Nullable Double readMs) {

	/**
	 * The status of a fingerprint found in the server's statistics.
	 */
	public static final String MATCHED = "matched";

	/**
	 * The status of a fingerprint the server's statistics do not hold among the entries
	 * read.
	 */
	public static final String NOT_FOUND = "not-found";

	/**
	 * The status when the statistics cannot be read.
	 */
	public static final String UNAVAILABLE = "unavailable";

	/**
	 * The status while the first read is under way.
	 */
	public static final String READING = "reading";

	static ServerView of(ServerSnapshot snapshot, String fingerprintId, double applicationMeanMs) {
		if (!snapshot.available()) {
			return new ServerView(UNAVAILABLE, snapshot.source(), snapshot.reason(), snapshot.enable(), null, null,
					null, snapshot.readAt(), snapshot.readMs());
		}
		ServerStatement statement = snapshot.statements().get(fingerprintId);
		if (statement == null) {
			String reason = "Not among the " + snapshot.rowsRead()
					+ " entries with the most total time read from the server";
			return new ServerView(NOT_FOUND, snapshot.source(), reason, List.of(), null, null, null, snapshot.readAt(),
					snapshot.readMs());
		}
		return new ServerView(MATCHED, snapshot.source(), snapshot.reason(), List.of(), statement.rounded(),
				round(applicationMeanMs), round(applicationMeanMs - statement.meanMs()), snapshot.readAt(),
				snapshot.readMs());
	}

	static ServerView reading() {
		return new ServerView(READING, null, "The server's statistics are being read: ask again in a moment", List.of(),
				null, null, null, null, null);
	}

	private static double round(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

}
