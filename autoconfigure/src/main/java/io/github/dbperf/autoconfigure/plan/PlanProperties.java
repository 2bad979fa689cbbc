package io.github.dbperf.autoconfigure.plan;

import java.time.Duration;

import io.github.dbperf.autoconfigure.PropertyChecks;
import io.github.dbperf.plan.PlanSettings;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties for capturing the plans of slow fingerprints and the index advice read from
 * them.
 *
 * @author dbperf
 * @since 0.2.0
 */
@ConfigurationProperties("dbperf.plans")
public class PlanProperties {

	/**
	 * Whether plans of slow fingerprints are captured (EXPLAIN without ANALYZE, never
	 * executing the statement) and index advice read from them.
	 */
	private boolean enabled = true;

	/**
	 * The statement timeout of every EXPLAIN (whole seconds for JDBC and MariaDB, rounded
	 * up). At most 1m.
	 */
	private Duration statementTimeout = Duration.ofSeconds(2);

	/**
	 * The least time between two EXPLAINs of one fingerprint. 0 plans again every time it
	 * is slow or asked for. At most 1d.
	 */
	private Duration minInterval = Duration.ofMinutes(10);

	/**
	 * Whether a fingerprint's plan is captured in the background when it is slow (at or
	 * above dbperf.queries.slow-threshold).
	 */
	private boolean captureOnSlow = true;

	/**
	 * How long a request for a plan not captured yet waits for it; after that the answer
	 * is "pending". 0 never waits. At most 1m.
	 */
	private Duration requestWait = Duration.ofSeconds(3);

	/**
	 * The most captures waiting for the plan worker; more are dropped.
	 */
	private int queueCapacity = 100;

	/**
	 * The most plans kept; the least recently used is dropped first.
	 */
	private int maxPlans = 1000;

	/**
	 * Full scans of tables with fewer estimated rows get no index advice.
	 */
	private int minTableRows = 10_000;

	/**
	 * Whether suggested indexes are checked with a hypothetical index where the HypoPG
	 * extension is installed (PostgreSQL).
	 */
	private boolean hypopg = true;

	/**
	 * How PostgreSQL is asked for a generic plan: "auto" uses EXPLAIN (GENERIC_PLAN) from
	 * PostgreSQL 16, "prepare" always uses PREPARE with plan_cache_mode =
	 * force_generic_plan.
	 */
	private PlanSettings.GenericPlan genericPlan = PlanSettings.GenericPlan.AUTO;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getStatementTimeout() {
		return this.statementTimeout;
	}

	public void setStatementTimeout(Duration statementTimeout) {
		this.statementTimeout = PropertyChecks.duration("dbperf.plans.statement-timeout", statementTimeout);
	}

	public Duration getMinInterval() {
		return this.minInterval;
	}

	public void setMinInterval(Duration minInterval) {
		this.minInterval = PropertyChecks.duration("dbperf.plans.min-interval", minInterval);
	}

	public boolean isCaptureOnSlow() {
		return this.captureOnSlow;
	}

	public void setCaptureOnSlow(boolean captureOnSlow) {
		this.captureOnSlow = captureOnSlow;
	}

	public Duration getRequestWait() {
		return this.requestWait;
	}

	public void setRequestWait(Duration requestWait) {
		this.requestWait = PropertyChecks.duration("dbperf.plans.request-wait", requestWait);
	}

	public int getQueueCapacity() {
		return this.queueCapacity;
	}

	public void setQueueCapacity(int queueCapacity) {
		this.queueCapacity = PropertyChecks.atLeast("dbperf.plans.queue-capacity", queueCapacity, 1);
	}

	public int getMaxPlans() {
		return this.maxPlans;
	}

	public void setMaxPlans(int maxPlans) {
		this.maxPlans = PropertyChecks.atLeast("dbperf.plans.max-plans", maxPlans, 1);
	}

	public int getMinTableRows() {
		return this.minTableRows;
	}

	public void setMinTableRows(int minTableRows) {
		this.minTableRows = PropertyChecks.atLeast("dbperf.plans.min-table-rows", minTableRows, 0);
	}

	public boolean isHypopg() {
		return this.hypopg;
	}

	public void setHypopg(boolean hypopg) {
		this.hypopg = hypopg;
	}

	public PlanSettings.GenericPlan getGenericPlan() {
		return this.genericPlan;
	}

	public void setGenericPlan(PlanSettings.GenericPlan genericPlan) {
		this.genericPlan = genericPlan;
	}

	PlanSettings toSettings() {
		return new PlanSettings(this.statementTimeout, this.minInterval, this.captureOnSlow, this.queueCapacity,
				this.maxPlans, this.minTableRows, this.hypopg, this.genericPlan);
	}

}
