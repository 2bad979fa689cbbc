package io.github.dbperf.autoconfigure.nplusone;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

import io.github.dbperf.autoconfigure.PropertyChecks;
import io.github.dbperf.nplusone.NPlusOneMode;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;

/**
 * Properties for N+1 detection.
 *
 * @author dbperf
 * @since 0.1.0
 */
@ConfigurationProperties("dbperf.nplusone")
public class NPlusOneProperties {

	/**
	 * What to do with N+1 queries: log (one WARN line per distinct incident), exception
	 * (fail the unit of work; for tests and development) or off.
	 */
	private NPlusOneMode mode = NPlusOneMode.LOG;

	/**
	 * Executions of one select, with differing parameters from one call site, in one unit
	 * of work that make an N+1 (a count, at least 2). Replaces "threshold".
	 */
	private int minRepeats = 3;

	private boolean minRepeatsSet;

	/**
	 * Executions of one select, with differing parameters from one call site, in one unit
	 * of work that make an N+1. Replaced by dbperf.nplusone.min-repeats, which wins when
	 * both are set.
	 */
	private int threshold = 3;

	private boolean thresholdSet;

	/**
	 * Fingerprint ids, SQL fragments, call sites or associations (Entity.field) never
	 * reported.
	 */
	private Set<String> ignore = new LinkedHashSet<>();

	/**
	 * The most aggregated incidents kept for the endpoint.
	 */
	private int maxIncidents = 500;

	/**
	 * The most distinct selects tracked per unit of work.
	 */
	private int maxFingerprintsPerUnit = 500;

	/**
	 * The least time between two log lines for one incident. 0 logs every occurrence. At
	 * most 1d.
	 */
	private Duration logInterval = Duration.ofMinutes(1);

	/**
	 * Thresholds of the runtime rules applied when each unit of work ends.
	 */
	private final RuntimeRules runtimeRules = new RuntimeRules();

	public NPlusOneMode getMode() {
		return this.mode;
	}

	public void setMode(NPlusOneMode mode) {
		this.mode = mode;
	}

	public int getMinRepeats() {
		return (this.minRepeatsSet || !this.thresholdSet) ? this.minRepeats : this.threshold;
	}

	public void setMinRepeats(int minRepeats) {
		this.minRepeats = PropertyChecks.atLeast("dbperf.nplusone.min-repeats", minRepeats, 2);
		this.minRepeatsSet = true;
	}

	/**
	 * Return the executions of one select that make an N+1.
	 * @return the count
	 * @deprecated since 0.2.0 for removal in 1.0.0 in favor of {@link #getMinRepeats()}:
	 * "threshold" is a duration elsewhere, such as under {@code dbperf.pool.starvation}
	 */
	@Deprecated(since = "0.2.0", forRemoval = true)
	@DeprecatedConfigurationProperty(replacement = "dbperf.nplusone.min-repeats", since = "0.2.0",
			reason = "A count, named apart from the durations called threshold elsewhere")
	public int getThreshold() {
		return getMinRepeats();
	}

	/**
	 * Set the executions of one select that make an N+1; {@code min-repeats} wins when
	 * both are set.
	 * @param threshold the count
	 * @deprecated since 0.2.0 for removal in 1.0.0 in favor of
	 * {@link #setMinRepeats(int)}
	 */
	@Deprecated(since = "0.2.0", forRemoval = true)
	public void setThreshold(int threshold) {
		this.threshold = PropertyChecks.atLeast("dbperf.nplusone.threshold", threshold, 2);
		this.thresholdSet = true;
	}

	public Set<String> getIgnore() {
		return this.ignore;
	}

	public void setIgnore(Set<String> ignore) {
		this.ignore = ignore;
	}

	public int getMaxIncidents() {
		return this.maxIncidents;
	}

	public void setMaxIncidents(int maxIncidents) {
		this.maxIncidents = PropertyChecks.atLeast("dbperf.nplusone.max-incidents", maxIncidents, 1);
	}

	public int getMaxFingerprintsPerUnit() {
		return this.maxFingerprintsPerUnit;
	}

	public void setMaxFingerprintsPerUnit(int maxFingerprintsPerUnit) {
		this.maxFingerprintsPerUnit = PropertyChecks.atLeast("dbperf.nplusone.max-fingerprints-per-unit",
				maxFingerprintsPerUnit, 1);
	}

	public Duration getLogInterval() {
		return this.logInterval;
	}

	public void setLogInterval(Duration logInterval) {
		this.logInterval = PropertyChecks.duration("dbperf.nplusone.log-interval", logInterval);
	}

	public RuntimeRules getRuntimeRules() {
		return this.runtimeRules;
	}

	/**
	 * Thresholds of the {@code runtime} rules.
	 */
	public static class RuntimeRules {

		/**
		 * The most statements one unit of work runs before the runtime-chatty-unit rule
		 * reports it.
		 */
		private int maxStatementsPerUnit = 50;

		/**
		 * The fewest executions of one insert outside a JDBC batch in one unit of work
		 * that the runtime-unbatched-inserts rule reports.
		 */
		private int minUnbatchedInserts = 10;

		/**
		 * The fewest inserts, updates and deletes in one unit of work, each committed on
		 * its own in auto-commit mode, that the runtime-autocommit-writes rule reports.
		 */
		private int minAutoCommitWrites = 2;

		/**
		 * The most rows one query result may return before the runtime-large-result rule
		 * reports it; rows are counted as the application reads them.
		 */
		private int maxResultRows = 1000;

		/**
		 * The most aggregated runtime findings kept (by rule, unit of work and
		 * fingerprint), besides the N+1 incidents; the least recently fired are dropped
		 * first.
		 */
		private int maxFindings = 1000;

		public int getMaxStatementsPerUnit() {
			return this.maxStatementsPerUnit;
		}

		public void setMaxStatementsPerUnit(int maxStatementsPerUnit) {
			this.maxStatementsPerUnit = PropertyChecks.atLeast("dbperf.nplusone.runtime-rules.max-statements-per-unit",
					maxStatementsPerUnit, 1);
		}

		public int getMinUnbatchedInserts() {
			return this.minUnbatchedInserts;
		}

		public void setMinUnbatchedInserts(int minUnbatchedInserts) {
			this.minUnbatchedInserts = PropertyChecks.atLeast("dbperf.nplusone.runtime-rules.min-unbatched-inserts",
					minUnbatchedInserts, 2);
		}

		public int getMinAutoCommitWrites() {
			return this.minAutoCommitWrites;
		}

		public void setMinAutoCommitWrites(int minAutoCommitWrites) {
			this.minAutoCommitWrites = PropertyChecks.atLeast("dbperf.nplusone.runtime-rules.min-auto-commit-writes",
					minAutoCommitWrites, 2);
		}

		public int getMaxResultRows() {
			return this.maxResultRows;
		}

		public void setMaxResultRows(int maxResultRows) {
			this.maxResultRows = PropertyChecks.atLeast("dbperf.nplusone.runtime-rules.max-result-rows", maxResultRows,
					1);
		}

		public int getMaxFindings() {
			return this.maxFindings;
		}

		public void setMaxFindings(int maxFindings) {
			this.maxFindings = PropertyChecks.atLeast("dbperf.nplusone.runtime-rules.max-findings", maxFindings, 1);
		}

	}

}
