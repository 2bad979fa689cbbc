package io.github.dbperf.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.github.dbperf.plan.CapturedPlan;
import io.github.dbperf.plan.PlanAnswer;
import io.github.dbperf.plan.PlanFinding;
import io.github.dbperf.plan.PlanSummary;
import io.github.dbperf.plan.QueryPlans;
import io.github.dbperf.query.QueryEntry;
import io.github.dbperf.query.QuerySort;
import io.github.dbperf.query.QueryStore;
import io.github.dbperf.query.RepositoryMethodStats;
import io.github.dbperf.query.RepositoryTimer;
import io.github.dbperf.query.StartupFilter;
import io.github.dbperf.server.ServerStatistics;
import io.github.dbperf.server.ServerView;
import io.github.dbperf.sql.Operation;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@link Endpoint @Endpoint} listing statement fingerprints with their statistics, one
 * fingerprint in detail, its execution plan ({@code /slowqueries/{id}/plan}), and
 * resetting them. Over HTTP, Boot's endpoint support answers a bad {@code sort},
 * {@code limit} or {@code startup} with 400 and an unknown id with 404.
 *
 * @author dbperf
 * @since 0.1.0
 */
@Endpoint(id = "slowqueries")
public class SlowQueriesEndpoint {

	static final int DEFAULT_LIMIT = 20;

	static final int MAX_LIMIT = 1000;

	private final QueryStore store;

	private final @Nullable RepositoryTimer repositoryTimer;

	private final @Nullable ServerStatistics serverStatistics;

	private final @Nullable QueryPlans plans;

	private final Duration planWait;

	/**
	 * Create a new endpoint.
	 * @param store the query store
	 * @param repositoryTimer the repository timer, or {@code null} when off
	 */
	public SlowQueriesEndpoint(QueryStore store, @Nullable RepositoryTimer repositoryTimer) {
		this(store, repositoryTimer, null, null, Duration.ZERO);
	}

	/**
	 * Create a new endpoint.
	 * @param store the query store
	 * @param repositoryTimer the repository timer, or {@code null} when off
	 * @param serverStatistics the database's own statistics, or {@code null} when off
	 * @param plans the plan capture, or {@code null} when off
	 * @param planWait how long a request waits for a plan not captured yet
	 * @since 0.2.0
	 */
	public SlowQueriesEndpoint(QueryStore store, @Nullable RepositoryTimer repositoryTimer,
			@Nullable ServerStatistics serverStatistics, @Nullable QueryPlans plans, Duration planWait) {
		this.store = store;
		this.repositoryTimer = repositoryTimer;
		this.serverStatistics = serverStatistics;
		this.plans = plans;
		this.planWait = planWait;
	}

	/**
	 * List fingerprints.
	 * @param sort the order, {@code total} when {@code null}
	 * @param limit the most fingerprints, 20 when {@code null}
	 * @param startup {@code exclude} (when {@code null}) leaves out fingerprints that ran
	 * only while the application started (DDL, schema scripts, seeding), {@code include}
	 * shows every one, {@code only} shows just those
	 * @return the listing
	 */
	@ReadOperation
	public SlowQueriesDescriptor slowQueries(@Nullable String sort, @Nullable String limit, @Nullable String startup) {
		QuerySort order = parseSort(sort);
		int max = parseLimit(limit);
		StartupFilter startupFilter = parseStartup(startup);
		List<RepositoryMethodStats> repositories = (this.repositoryTimer != null) ? this.repositoryTimer.methods()
				: List.of();
		return new SlowQueriesDescriptor(this.store.slowThreshold().toMillis(), this.store.size(),
				this.store.maxFingerprints(), this.store.evictions(), order.name().toLowerCase(java.util.Locale.ROOT),
				this.store.entries(order, max, startupFilter), repositories);
	}

	/**
	 * Show one fingerprint with its latency histogram, and with the database's own
	 * statistics of it when they are on.
	 * @param id the fingerprint id
	 * @return the fingerprint, or {@code null} when unknown
	 */
	@ReadOperation
	public @Nullable SlowQueryDescriptor slowQuery(@Selector String id) {
		QueryEntry entry = this.store.detail(id);
		if (entry == null) {
			return null;
		}
		ServerView server = (this.serverStatistics != null)
				? this.serverStatistics.view(entry.dataSource(), entry.id(), entry.meanMs()) : null;
		return new SlowQueryDescriptor(entry, server);
	}

	/**
	 * Return a fingerprint's execution plan: the one captured when it was slow, or one
	 * captured now (waiting a bounded time on the plan worker, then answering
	 * {@code pending}).
	 * @param id the fingerprint id
	 * @param detail {@code plan}, the only detail there is
	 * @return the plan or why there is none, {@code null} for an unknown id
	 */
	@ReadOperation
	public @Nullable PlanDescriptor slowQueryPlan(@Selector String id, @Selector String detail) {
		if (!"plan".equals(detail)) {
			throw badRequest("Unknown detail '" + detail + "': use /slowqueries/{id}/plan");
		}
		QueryEntry entry = this.store.entry(id);
		if (entry == null) {
			return null;
		}
		if (this.plans == null) {
			return PlanDescriptor.of(id, entry.sql(), PlanAnswer.Status.UNAVAILABLE,
					"Plan capture is off: it needs dbperf.plans.enabled=true (the default), HikariCP and Jackson 3");
		}
		PlanAnswer answer = this.plans.plan(id, entry.sql(), operation(entry.operation()), entry.dataSource(),
				this.planWait);
		CapturedPlan plan = answer.plan();
		if (plan == null) {
			return PlanDescriptor.of(id, entry.sql(), answer.status(), String.valueOf(answer.message()));
		}
		return new PlanDescriptor(id, "captured", null, plan.sql(), plan.database(), plan.source(), plan.capturedAt(),
				plan.plan(), plan.summary(), plan.findings());
	}

	private static Operation operation(String tag) {
		for (Operation operation : Operation.values()) {
			if (operation.tagValue().equals(tag)) {
				return operation;
			}
		}
		return Operation.OTHER;
	}

	@DeleteOperation
	public void reset() {
		this.store.reset();
		if (this.repositoryTimer != null) {
			this.repositoryTimer.reset();
		}
	}

	static QuerySort parseSort(@Nullable String sort) {
		if (sort == null || sort.isBlank()) {
			return QuerySort.TOTAL;
		}
		QuerySort parsed = QuerySort.parse(sort);
		if (parsed == null) {
			throw badRequest("Unknown sort '" + sort + "': use one of " + QuerySort.names());
		}
		return parsed;
	}

	static StartupFilter parseStartup(@Nullable String startup) {
		if (startup == null || startup.isBlank()) {
			return StartupFilter.EXCLUDE;
		}
		StartupFilter parsed = StartupFilter.parse(startup);
		if (parsed == null) {
			throw badRequest("Unknown startup filter '" + startup + "': use one of " + StartupFilter.names());
		}
		return parsed;
	}

	static int parseLimit(@Nullable String limit) {
		if (limit == null || limit.isBlank()) {
			return DEFAULT_LIMIT;
		}
		try {
			int parsed = Integer.parseInt(limit.trim());
			if (parsed >= 1 && parsed <= MAX_LIMIT) {
				return parsed;
			}
		}
		catch (NumberFormatException ex) {
			// Reported below
		}
		throw badRequest("Invalid limit '" + limit + "': use a whole number from 1 to " + MAX_LIMIT);
	}

	// Boot's web endpoint support answers 400 with the reason, so it says what to send
	private static InvalidEndpointRequestException badRequest(String message) {
		return new InvalidEndpointRequestException(message, message);
	}

	/**
	 * The endpoint's list response.
	 *
	 * @param slowThresholdMs the slow threshold in milliseconds
	 * @param tracked fingerprints tracked now
	 * @param maxFingerprints the most fingerprints tracked
	 * @param evictions eviction rounds since start or reset
	 * @param sort the order of {@code queries}
	 * @param queries the fingerprints
	 * @param repositories the timed repository methods
	 */
	public record SlowQueriesDescriptor(long slowThresholdMs, int tracked, int maxFingerprints, long evictions,
			String sort, List<QueryEntry> queries,
			List<RepositoryMethodStats> repositories) implements OperationResponseBody {

	}

	/**
	 * The endpoint's response for one fingerprint: the fields of its {@link QueryEntry}
	 * and, when server statistics are on, the database's own view of it.
	 *
	 * @param query the fingerprint's statistics
	 * @param server the database's view, or {@code null} when server statistics are off
	 */
	public record SlowQueryDescriptor(@JsonUnwrapped QueryEntry query,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable ServerView server) implements OperationResponseBody {

	}

	/**
	 * A fingerprint's plan, or why there is none.
	 *
	 * @param id the fingerprint id
	 * @param status {@code captured}, {@code pending} (ask again shortly) or
	 * {@code unavailable} (the message says why)
	 * @param message why there is no plan, {@code null} when captured
	 * @param sql the normalized SQL
	 * @param database the database product and version that planned it
	 * @param source how the plan was obtained
	 * @param capturedAt when it was captured
	 * @param plan the database's own JSON plan, literal values folded
	 * @param summary total estimated cost and rows, and the nodes worth reading
	 * @param findings index advice read from the plan
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record PlanDescriptor(String id, String status, @Nullable String message, String sql,
			@Nullable String database, @Nullable String source, @Nullable Instant capturedAt, @Nullable JsonNode plan,
			@Nullable PlanSummary summary, List<PlanFinding> findings) implements OperationResponseBody {

		static PlanDescriptor of(String id, String sql, PlanAnswer.Status status, String message) {
			return new PlanDescriptor(id, status.name().toLowerCase(Locale.ROOT), message, sql, null, null, null, null,
					null, List.of());
		}

	}

}
