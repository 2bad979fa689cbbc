package io.github.dbperf.plan;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

/**
 * A fingerprint's plan as the database gave it (literal values folded), with its summary
 * and the index advice read from it.
 *
 * @param id the fingerprint id
 * @param sql the normalized SQL that was planned
 * @param database the database product and version, such as {@code PostgreSQL 17.5}
 * @param source how the plan was obtained, such as
 * {@code EXPLAIN (GENERIC_PLAN, FORMAT JSON)}
 * @param capturedAt when it was captured
 * @param plan the database's own JSON plan
 * @param summary what is worth reading in it
 * @param findings the index advice
 * @author dbperf
 * @since 0.2.0
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CapturedPlan(String id, String sql, String database, String source, Instant capturedAt, JsonNode plan,
		PlanSummary summary, List<PlanFinding> findings) {

	/**
	 * Return one line about the plan for the slow log, such as
	 * {@code Seq Scan on post (est. 100,000 rows)}.
	 * @return the line
	 */
	public String headline() {
		PlanSummary.Node worst = null;
		for (PlanSummary.Node node : this.summary.nodes()) {
			if (node.table() != null && (worst == null || rank(node) > rank(worst))) {
				worst = node;
			}
		}
		StringBuilder line = new StringBuilder();
		if (worst == null) {
			line.append((this.summary.totalCost() != null)
					? String.format(java.util.Locale.ROOT, "est. cost %.2f", this.summary.totalCost()) : "no scans");
		}
		else {
			line.append(worst.type()).append(" on ").append(worst.table());
			if (worst.index() != null) {
				line.append(" using ").append(worst.index());
			}
			line.append(String.format(java.util.Locale.ROOT, " (est. %,d rows)", worst.scannedRows()));
		}
		if (!this.findings.isEmpty()) {
			line.append("; suggests ").append(this.findings.get(0).suggestion());
		}
		return line.toString();
	}

	private static long rank(PlanSummary.Node node) {
		return (node.isFullScan() ? Long.MAX_VALUE / 2 : 0) + node.scannedRows();
	}

}
