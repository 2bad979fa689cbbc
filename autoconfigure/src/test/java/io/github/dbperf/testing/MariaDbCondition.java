package io.github.dbperf.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The condition behind {@link EnabledIfMariaDbReachable}.
 *
 * @author dbperf
 * @since 0.1.0
 */
class MariaDbCondition implements ExecutionCondition {

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		String reason = TestMariaDb.unreachableReason();
		return (reason != null)
				? ConditionEvaluationResult.disabled("MariaDB not reachable on localhost:3306 (" + reason + ")")
				: ConditionEvaluationResult.enabled("MariaDB reachable on localhost:3306");
	}

}
