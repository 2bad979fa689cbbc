package io.github.dbperf.plan;

import java.time.Duration;

/**
 * How plans are captured.
 *
 * @param statementTimeout the statement timeout of every EXPLAIN
 * @param minInterval the least time between two EXPLAINs of one fingerprint
 * @param captureOnSlow whether a fingerprint's plan is captured when it is slow
 * @param queueCapacity the most captures waiting for the worker; more are dropped
 * @param maxPlans the most plans kept (the least recently used is dropped)
 * @param minTableRows tables with fewer estimated rows get no index advice
 * @param verifyWithHypopg whether suggestions are checked with HypoPG where it is
 * installed
 * @param genericPlan how PostgreSQL is asked for a generic plan
 * @author dbperf
 * @since 0.2.0
 */
public record PlanSettings(Duration statementTimeout, Duration minInterval, boolean captureOnSlow, int queueCapacity,
		int maxPlans, long minTableRows, boolean verifyWithHypopg, GenericPlan genericPlan) {

	/**
	 * The defaults: 2s timeout, 10 minutes per fingerprint, capture on slow, 100 queued,
	 * 1,000 plans, advice from 10,000 rows, HypoPG used, generic plan chosen by version.
	 * @return the defaults
	 */
	public static PlanSettings defaults() {
		return new PlanSettings(Duration.ofSeconds(2), Duration.ofMinutes(10), true, 100, 1000, 10_000, true,
				GenericPlan.AUTO);
	}

	/**
	 * How PostgreSQL is asked for a generic plan, whose parameters have no values.
	 */
	public enum GenericPlan {

		/**
		 * {@code EXPLAIN (GENERIC_PLAN)} from PostgreSQL 16, {@code PREPARE} before.
		 */
		AUTO,

		/**
		 * Always {@code PREPARE} with {@code plan_cache_mode = force_generic_plan} and
		 * {@code EXPLAIN EXECUTE} with null arguments (PostgreSQL 12 and later).
		 */
		PREPARE

	}

}
