package io.github.dbperf.autoconfigure.plan;

import io.github.dbperf.jdbc.StatementEvent;
import io.github.dbperf.plan.QueryPlans;
import io.github.dbperf.query.SlowQueryHook;
import org.jspecify.annotations.Nullable;

/**
 * Connects the slow-query log to plan capture (features do not use each other): a slow
 * statement starts a capture, and the slow log line names the captured plan.
 *
 * @author dbperf
 * @since 0.2.0
 */
final class PlanSlowQueryHook implements SlowQueryHook {

	private final QueryPlans plans;

	PlanSlowQueryHook(QueryPlans plans) {
		this.plans = plans;
	}

	@Override
	public void slow(StatementEvent event) {
		this.plans.slow(event);
	}

	@Override
	public @Nullable String headline(String fingerprintId) {
		return this.plans.headline(fingerprintId);
	}

}
