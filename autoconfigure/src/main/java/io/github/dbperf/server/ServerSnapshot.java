package io.github.dbperf.server;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One read of a database's statement statistics, by fingerprint id, or why there is none.
 *
 * @param source where the numbers come from, such as {@code pg_stat_statements}
 * @param reason why there are no numbers, {@code null} when read
 * @param enable the lines that turn the statistics on, when they are off
 * @param statements the database's numbers by fingerprint id
 * @param rowsRead the database's entries read
 * @param readAt when it was read
 * @param readMs how long the read took
 * @param retry whether to read again at the next request rather than after the maximum
 * age (the pool was busy)
 * @author dbperf
 * @since 0.2.0
 */
record ServerSnapshot(@Nullable String source, @Nullable String reason, List<String> enable,
		Map<String, ServerStatement> statements, int rowsRead, Instant readAt, double readMs, boolean retry) {

	static ServerSnapshot read(String source, Map<String, ServerStatement> statements, int rowsRead,
			@Nullable String reason, long startNanos) {
		return new ServerSnapshot(source, reason, List.of(), Map.copyOf(statements), rowsRead, Instant.now(),
				elapsedMs(startNanos), false);
	}

	static ServerSnapshot unavailable(@Nullable String source, String reason, List<String> enable, long startNanos) {
		return new ServerSnapshot(source, reason, List.copyOf(enable), Map.of(), 0, Instant.now(),
				elapsedMs(startNanos), false);
	}

	static ServerSnapshot busy(String reason) {
		return new ServerSnapshot(null, reason, List.of(), Map.of(), 0, Instant.now(), 0, true);
	}

	boolean available() {
		return this.reason == null || !this.statements.isEmpty();
	}

	private static double elapsedMs(long startNanos) {
		return Math.round((System.nanoTime() - startNanos) / 10_000.0) / 100.0;
	}

}
