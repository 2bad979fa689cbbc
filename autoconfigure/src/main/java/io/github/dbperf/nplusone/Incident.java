package io.github.dbperf.nplusone;

import org.jspecify.annotations.Nullable;

/**
 * One repeated query found when a unit of work ended.
 *
 * @param kind N+1 or duplicate
 * @param unitOfWork the unit of work, such as {@code GET /posts}
 * @param fingerprint the fingerprint id
 * @param sql the normalized SQL
 * @param association the association whose loading repeated, when known
 * @param fetchType its fetch type, when known
 * @param callSite the application call site that triggered the repeats
 * @param repeats how many times the statement ran in the unit
 * @param suggestion what to change
 * @author dbperf
 * @since 0.1.0
 */
public record Incident(IncidentKind kind, String unitOfWork, String fingerprint, String sql,
		@Nullable String association, @Nullable String fetchType, @Nullable String callSite, int repeats,
		String suggestion) {

	/**
	 * Describe the incident in one line.
	 * @return the description
	 */
	public String describe() {
		StringBuilder line = new StringBuilder();
		line.append((this.kind == IncidentKind.N_PLUS_ONE) ? "N+1 queries" : "Duplicate queries");
		line.append(" in ").append(this.unitOfWork).append(": ");
		if (this.association != null) {
			line.append(this.association).append(" (").append(this.fetchType).append(") ");
		}
		line.append("loaded ").append(this.repeats).append(" times by [").append(this.sql).append(']');
		if (this.callSite != null) {
			line.append(" at ").append(this.callSite);
		}
		line.append(". Fix: ").append(this.suggestion);
		return line.toString();
	}

}
