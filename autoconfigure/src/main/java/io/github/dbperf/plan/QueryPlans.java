package io.github.dbperf.plan;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.dbperf.context.DbperfFailures;
import io.github.dbperf.jdbc.StatementEvent;
import io.github.dbperf.rules.Finding;
import io.github.dbperf.rules.Rule;
import io.github.dbperf.rules.RuleSettings;
import io.github.dbperf.rules.Rules;
import io.github.dbperf.rules.Where;
import io.github.dbperf.sql.Operation;
import io.github.dbperf.sql.SqlText;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;

/**
 * The plans of slow fingerprints: captured in the background when a fingerprint is slow,
 * or when asked for, on one worker thread with a bounded queue; at most one
 * {@code EXPLAIN} per fingerprint per interval; a connection borrowed only when the pool
 * has an idle one. Nothing runs on the application's thread but a few map reads, and only
 * for slow statements.
 *
 * @author dbperf
 * @since 0.2.0
 */
public final class QueryPlans implements DisposableBean {

	private final PlanSettings settings;

	private final Function<String, @Nullable PlanTarget> targets;

	private final Clock clock;

	private final PlanWorker worker;

	private final PlanCapture capture;

	private final Cache<String, PlanAnswer> answers;

	private final Cache<String, Long> lastExplained;

	private final Map<String, CompletableFuture<PlanAnswer>> inFlight = new ConcurrentHashMap<>();

	// What a DataSource's database cannot plan, learnt at the first borrow: a product
	// with no plans at all, or MySQL/MariaDB, which need values
	private final Map<String, Limitation> limitations = new ConcurrentHashMap<>();

	private final LongAdder borrowed = new LongAdder();

	private final LongAdder captureNanos = new LongAdder();

	/**
	 * Create a new instance.
	 * @param settings how plans are captured
	 * @param targets the target of a DataSource bean name, or {@code null} when unknown
	 * @param rules the user's rule settings
	 * @param mapper reads the JSON plans
	 */
	public QueryPlans(PlanSettings settings, Function<String, @Nullable PlanTarget> targets, RuleSettings rules,
			JsonMapper mapper) {
		this(settings, targets, rules, mapper, Clock.systemUTC());
	}

	QueryPlans(PlanSettings settings, Function<String, @Nullable PlanTarget> targets, RuleSettings rules,
			JsonMapper mapper, Clock clock) {
		this.settings = settings;
		this.targets = targets;
		this.clock = clock;
		this.worker = new PlanWorker(settings.queueCapacity());
		this.capture = new PlanCapture(settings, new IndexAdvisor(settings.minTableRows(), rules), mapper, clock);
		this.answers = Caffeine.newBuilder().maximumSize(settings.maxPlans()).build();
		this.lastExplained = Caffeine.newBuilder().maximumSize(settings.maxPlans()).build();
	}

	/**
	 * Capture a slow statement's plan in the background, unless it was planned within the
	 * interval, is being planned, or its database cannot plan it. Called on the
	 * application's thread; returns at once and never throws.
	 * @param event the slow statement
	 */
	public void slow(StatementEvent event) {
		try {
			if (!this.settings.captureOnSlow() || !plannable(event.fingerprint().operation())) {
				return;
			}
			String id = event.fingerprint().id();
			if (this.inFlight.containsKey(id) || !due(id)) {
				return;
			}
			// Without parameter capture, the values held for this purpose only: they live
			// in
			// the request until its EXPLAIN ran
			List<List<Object>> parameters = (event.parameters() != null) ? event.parameters() : event.planValues();
			List<Object> values = (parameters != null && !parameters.isEmpty()) ? parameters.get(0) : null;
			Limitation limitation = this.limitations.get(event.dataSource());
			if (limitation != null && limitation.rulesOut(event.sql(), values)) {
				return;
			}
			submit(new PlanRequest(id, event.dataSource(), event.fingerprint().sql(), event.fingerprint().operation(),
					event.sql(), values));
		}
		catch (RuntimeException ex) {
			DbperfFailures.swallow("plan capture", ex);
		}
	}

	/**
	 * Return one line about a fingerprint's captured plan, such as
	 * {@code Seq Scan on post (est. 100,000 rows)}.
	 * @param fingerprintId the fingerprint id
	 * @return the line, or {@code null} when no plan is captured
	 */
	public @Nullable String headline(String fingerprintId) {
		PlanAnswer answer = this.answers.getIfPresent(fingerprintId);
		return (answer != null && answer.plan() != null) ? answer.plan().headline() : null;
	}

	/**
	 * Return a fingerprint's plan: the one captured, or a capture started now and waited
	 * for at most the given time (on the worker, never on the application's threads).
	 * @param id the fingerprint id
	 * @param sql the fingerprint's normalized SQL
	 * @param operation its operation
	 * @param dataSource the DataSource bean name it ran on
	 * @param wait the most time to wait for a capture
	 * @return the plan, or why there is none (yet)
	 */
	public PlanAnswer plan(String id, String sql, Operation operation, String dataSource, Duration wait) {
		PlanAnswer known = this.answers.getIfPresent(id);
		if (known != null && known.status() == PlanAnswer.Status.CAPTURED) {
			return known;
		}
		CompletableFuture<PlanAnswer> running = this.inFlight.get(id);
		if (running == null) {
			if (!plannable(operation)) {
				return PlanAnswer.unavailable(
						"Only select, insert, update and delete statements are planned, not " + operation.tagValue());
			}
			if (sql.contains(SqlText.CUT_MARKER)) {
				return PlanAnswer.unavailable("The fingerprint's SQL was cut at dbperf.queries.max-sql-length: its "
						+ "plan is captured when it is next slow");
			}
			if (known != null && !due(id)) {
				return known;
			}
			running = submit(new PlanRequest(id, dataSource, sql, operation, null, null));
			if (running == null) {
				return PlanAnswer.unavailable("The plan worker's queue is full (dbperf.plans.queue-capacity="
						+ this.settings.queueCapacity() + "): try again shortly");
			}
		}
		try {
			return running.get(wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			return PlanAnswer.pending("The plan is being captured: ask again shortly");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return PlanAnswer.pending("The plan is being captured: ask again shortly");
		}
		catch (ExecutionException ex) {
			return PlanAnswer.unavailable("The capture failed: " + ex.getCause());
		}
	}

	/**
	 * Return the plan captured for a fingerprint, without starting a capture.
	 * @param id the fingerprint id
	 * @return the answer, or {@code null} when none was asked for yet
	 */
	public @Nullable PlanAnswer captured(String id) {
		return this.answers.getIfPresent(id);
	}

	/**
	 * Return the index advice of every captured plan as findings, one per suggestion,
	 * each naming its table, columns, fingerprint and normalized SQL.
	 * @return the findings
	 */
	public List<Finding> findings() {
		List<Finding> findings = new ArrayList<>();
		for (PlanAnswer answer : this.answers.asMap().values()) {
			CapturedPlan plan = answer.plan();
			if (plan == null) {
				continue;
			}
			for (PlanFinding advice : plan.findings()) {
				Rule rule = Rules.find(advice.rule());
				if (rule != null) {
					Where where = new Where(null, null, null, null, advice.table(), advice.columns(), plan.id(),
							plan.sql(), null, null);
					findings.add(
							new Finding(rule.id(), advice.severity(), advice.message(), advice.suggestion(), where, 1));
				}
			}
		}
		return findings;
	}

	/**
	 * Return how many connections were borrowed for plans.
	 * @return the count
	 */
	public long borrowedConnections() {
		return this.borrowed.sum();
	}

	/**
	 * Return the time spent with a borrowed connection, over all captures.
	 * @return the time
	 */
	public Duration captureTime() {
		return Duration.ofNanos(this.captureNanos.sum());
	}

	/**
	 * Return how many captures were dropped because the worker's queue was full.
	 * @return the count
	 */
	public long dropped() {
		return this.worker.dropped();
	}

	@Override
	public void destroy() {
		this.worker.close();
	}

	private boolean due(String id) {
		Long last = this.lastExplained.getIfPresent(id);
		return last == null || this.clock.millis() - last >= this.settings.minInterval().toMillis();
	}

	private @Nullable CompletableFuture<PlanAnswer> submit(PlanRequest request) {
		CompletableFuture<PlanAnswer> answer = new CompletableFuture<>();
		CompletableFuture<PlanAnswer> existing = this.inFlight.putIfAbsent(request.id(), answer);
		if (existing != null) {
			return existing;
		}
		CompletableFuture<PlanAnswer> running = this.worker.offer(() -> run(request));
		if (running == null) {
			this.inFlight.remove(request.id(), answer);
			return null;
		}
		running.whenComplete((result, failure) -> {
			this.inFlight.remove(request.id(), answer);
			answer.complete((result != null) ? result : PlanAnswer.unavailable("The capture failed: " + failure));
		});
		return answer;
	}

	private PlanAnswer run(PlanRequest request) {
		PlanTarget target = this.targets.apply(request.dataSource());
		if (target == null) {
			return PlanAnswer.unavailable("No DataSource named '" + request.dataSource() + "' to ask for the plan");
		}
		int idle = target.idleConnections().getAsInt();
		if (idle <= 0) {
			return PlanAnswer.unavailable((idle < 0)
					? "The pool's idle connections cannot be read (plans need HikariCP): no connection is borrowed"
					: "The pool has no idle connection: none is borrowed for a plan, so the application never "
							+ "waits; ask again when it is less busy");
		}
		if (!due(request.id())) {
			PlanAnswer known = this.answers.getIfPresent(request.id());
			return (known != null) ? known : PlanAnswer.unavailable("Planned less than dbperf.plans.min-interval ago");
		}
		Limitation limitation = this.limitations.get(request.dataSource());
		if (limitation != null && limitation.rulesOut(request.rawSql(), request.values())) {
			return remember(request, limitation.answer());
		}
		long start = System.nanoTime();
		PlanAnswer answer;
		this.borrowed.increment();
		try (Connection connection = target.dataSource().getConnection()) {
			answer = this.capture.capture(connection, request);
			boolean learned = answer.status() != PlanAnswer.Status.CAPTURED
					&& learn(request, connection.getMetaData().getDatabaseProductName(), answer);
			// Every borrow counts, unless what was learned keeps this request from
			// borrowing
			// again until it can be planned (MySQL values)
			if (!learned) {
				this.lastExplained.put(request.id(), this.clock.millis());
			}
		}
		catch (SQLException | RuntimeException ex) {
			// A failed EXPLAIN counts too: it is not tried again before the interval
			this.lastExplained.put(request.id(), this.clock.millis());
			answer = PlanAnswer.unavailable("The database could not plan it: " + ex.getMessage());
		}
		this.captureNanos.add(System.nanoTime() - start);
		return remember(request, answer);
	}

	private PlanAnswer remember(PlanRequest request, PlanAnswer answer) {
		PlanAnswer known = this.answers.getIfPresent(request.id());
		if (known == null || known.status() != PlanAnswer.Status.CAPTURED) {
			this.answers.put(request.id(), answer);
		}
		return answer;
	}

	private boolean learn(PlanRequest request, String product, PlanAnswer answer) {
		if ("PostgreSQL".equalsIgnoreCase(product)) {
			return false;
		}
		boolean mysql = "MySQL".equalsIgnoreCase(product) || "MariaDB".equalsIgnoreCase(product);
		Limitation limitation = new Limitation(mysql, answer);
		// Other unavailable answers (a text of several statements) say nothing of the
		// database
		if (!limitation.rulesOut(request.rawSql(), request.values())) {
			return false;
		}
		this.limitations.putIfAbsent(request.dataSource(), limitation);
		return true;
	}

	static boolean plannable(Operation operation) {
		return operation == Operation.SELECT || operation == Operation.INSERT || operation == Operation.UPDATE
				|| operation == Operation.DELETE;
	}

	/**
	 * What a DataSource's database cannot plan.
	 *
	 * @param needsValues whether it plans (MySQL/MariaDB), given values
	 * @param answer the answer for what it cannot plan
	 */
	private record Limitation(boolean needsValues, PlanAnswer answer) {

		boolean rulesOut(@Nullable String rawSql, @Nullable List<Object> values) {
			if (!this.needsValues) {
				return true;
			}
			return rawSql == null || (rawSql.indexOf('?') >= 0 && values == null);
		}

	}

}
