package io.github.dbperf.plan;

import org.jspecify.annotations.Nullable;

/**
 * The answer to a request for a fingerprint's plan: the plan, or why there is none yet.
 *
 * @param status captured, pending or unavailable
 * @param message why there is no plan, {@code null} when captured
 * @param plan the plan, when captured
 * @author dbperf
 * @since 0.2.0
 */
public record PlanAnswer(Status status, @Nullable String message, @Nullable CapturedPlan plan) {

	static PlanAnswer captured(CapturedPlan plan) {
		return new PlanAnswer(Status.CAPTURED, null, plan);
	}

	static PlanAnswer pending(String message) {
		return new PlanAnswer(Status.PENDING, message, null);
	}

	static PlanAnswer unavailable(String message) {
		return new PlanAnswer(Status.UNAVAILABLE, message, null);
	}

	/**
	 * Whether a plan is there.
	 */
	public enum Status {

		/**
		 * The plan was captured.
		 */
		CAPTURED,

		/**
		 * A capture is queued or running.
		 */
		PENDING,

		/**
		 * The database cannot be asked, with the reason in the message.
		 */
		UNAVAILABLE

	}

}
