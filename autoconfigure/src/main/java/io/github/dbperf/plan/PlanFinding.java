package io.github.dbperf.plan;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.dbperf.rules.Severity;
import org.jspecify.annotations.Nullable;

/**
 * Index advice read from a plan.
 *
 * @param rule the rule id, such as {@code plan-missing-index}
 * @param severity the severity
 * @param message what the plan shows and why the suggestion helps
 * @param table the table
 * @param columns the columns or expressions, in index order
 * @param suggestion the DDL to run
 * @param verified whether HypoPG checked the suggestion with a hypothetical index
 * @param costBefore the plan's total estimated cost without the index, when verified
 * @param costAfter the total estimated cost with the hypothetical index, when verified
 * @author dbperf
 * @since 0.2.0
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PlanFinding(String rule, Severity severity, String message, String table, List<String> columns,
		String suggestion, boolean verified, @Nullable Double costBefore, @Nullable Double costAfter) {

	PlanFinding verified(double before, double after) {
		String outcome = (after < before)
				? String.format(java.util.Locale.ROOT, " HypoPG: estimated cost %.2f -> %.2f with this index.", before,
						after)
				: String.format(java.util.Locale.ROOT,
						" HypoPG: the planner would not use this index (estimated cost %.2f -> %.2f).", before, after);
		return new PlanFinding(this.rule, this.severity, this.message + outcome, this.table, this.columns,
				this.suggestion, true, before, after);
	}

}
