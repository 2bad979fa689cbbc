package io.github.dbperf.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * What the database spent on one fingerprint: the sum of its own entries that normalize
 * to the fingerprint (one per IN-list length, for example). Times are in milliseconds;
 * counters a database does not keep are {@code null}.
 *
 * @param entries the database's entries merged into this fingerprint
 * @param calls executions the database counted
 * @param totalMs total execution time on the server
 * @param meanMs mean execution time on the server
 * @param rows rows returned or affected
 * @param sharedBlocksHit shared buffer hits (PostgreSQL)
 * @param sharedBlocksRead shared blocks read from disk or the OS cache (PostgreSQL)
 * @param tempBlocksWritten temporary blocks written by sorts and hashes that did not fit
 * in {@code work_mem} (PostgreSQL)
 * @param rowsExamined rows the server read to answer (MySQL, MariaDB)
 * @param noIndexUsed executions that scanned a table without an index (MySQL, MariaDB)
 * @param noGoodIndexUsed executions that found no good index (MySQL, MariaDB)
 * @author dbperf
 * @since 0.2.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServerStatement(int entries, long calls, double totalMs, double meanMs, long rows,
		@Nullable Long sharedBlocksHit, @Nullable Long sharedBlocksRead, @Nullable Long tempBlocksWritten,
		@Nullable Long rowsExamined, @Nullable Long noIndexUsed, @Nullable Long noGoodIndexUsed) {

	ServerStatement merge(ServerStatement other) {
		long sumCalls = this.calls + other.calls;
		double sumTotal = this.totalMs + other.totalMs;
		return new ServerStatement(this.entries + other.entries, sumCalls, sumTotal,
				(sumCalls > 0) ? sumTotal / sumCalls : 0, this.rows + other.rows,
				sum(this.sharedBlocksHit, other.sharedBlocksHit), sum(this.sharedBlocksRead, other.sharedBlocksRead),
				sum(this.tempBlocksWritten, other.tempBlocksWritten), sum(this.rowsExamined, other.rowsExamined),
				sum(this.noIndexUsed, other.noIndexUsed), sum(this.noGoodIndexUsed, other.noGoodIndexUsed));
	}

	ServerStatement rounded() {
		return new ServerStatement(this.entries, this.calls, round(this.totalMs), round(this.meanMs), this.rows,
				this.sharedBlocksHit, this.sharedBlocksRead, this.tempBlocksWritten, this.rowsExamined,
				this.noIndexUsed, this.noGoodIndexUsed);
	}

	private static double round(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

	private static @Nullable Long sum(@Nullable Long a, @Nullable Long b) {
		return (a == null || b == null) ? null : a + b;
	}

}
