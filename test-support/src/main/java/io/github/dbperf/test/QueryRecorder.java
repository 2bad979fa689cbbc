package io.github.dbperf.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.dbperf.context.UnitOfWorkContext;
import io.github.dbperf.jdbc.StatementEvent;
import io.github.dbperf.nplusone.Incident;
import io.github.dbperf.nplusone.NPlusOneDetector;
import io.github.dbperf.nplusone.UnitOfWork;
import io.github.dbperf.rules.Finding;
import io.github.dbperf.rules.Rule;
import io.github.dbperf.rules.Rules;
import io.github.dbperf.rules.RuleSettings;
import io.github.dbperf.rules.Where;
import io.github.dbperf.sql.Operation;
import org.jspecify.annotations.Nullable;

/**
 * Records the JDBC statements dbperf captures, from every thread, while it runs, and
 * judges them as one unit of work with dbperf's N+1 rule:
 *
 * <pre class="code">
 * try (QueryRecorder recorder = QueryRecorder.start()) {
 *     mvc.perform(get("/posts"));
 *     assertThat(recorder).hasSelectCount(2).hasNoNPlusOne();
 * }
 * </pre>
 *
 * Needs dbperf's statement capture in the application context under test, which
 * {@code @SpringBootTest} and {@code @DataJpaTest} get from this module's
 * auto-configuration.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class QueryRecorder implements AutoCloseable {

	private static final int MAX_STATEMENTS = 10_000;

	private static final List<QueryRecorder> active = new CopyOnWriteArrayList<>();

	private static volatile @Nullable NPlusOneDetector detector;

	private static volatile RuleSettings ruleSettings = RuleSettings.defaults();

	private final List<StatementEvent> statements = new ArrayList<>();

	private @Nullable UnitOfWork unit;

	private int dropped;

	private boolean running;

	private QueryRecorder() {
	}

	/**
	 * Start recording.
	 * @return the running recorder
	 */
	public static QueryRecorder start() {
		QueryRecorder recorder = new QueryRecorder();
		recorder.running = true;
		UnitOfWorkContext.recording(true);
		active.add(recorder);
		return recorder;
	}

	/**
	 * Stop recording; what was recorded stays readable.
	 */
	public synchronized void stop() {
		if (this.running) {
			this.running = false;
			active.remove(this);
			UnitOfWorkContext.recording(false);
		}
	}

	@Override
	public void close() {
		stop();
	}

	/**
	 * Forget everything recorded so far.
	 */
	public synchronized void reset() {
		this.statements.clear();
		this.unit = null;
		this.dropped = 0;
	}

	/**
	 * Return the recorded statements, oldest first.
	 * @return the statements
	 */
	public synchronized List<StatementEvent> statements() {
		return List.copyOf(this.statements);
	}

	/**
	 * Return how many statements ran, including any beyond the recording cap.
	 * @return the count
	 */
	public synchronized int total() {
		return this.statements.size() + this.dropped;
	}

	/**
	 * Return how many statements of one kind were recorded.
	 * @param operation the kind
	 * @return the count
	 */
	public synchronized int count(Operation operation) {
		int count = 0;
		for (StatementEvent statement : this.statements) {
			if (statement.fingerprint().operation() == operation) {
				count++;
			}
		}
		return count;
	}

	/**
	 * Return the N+1 and duplicate-query incidents among the recorded statements, by
	 * dbperf's rule and settings ({@code dbperf.nplusone.min-repeats} and
	 * {@code ignore}).
	 * @return the incidents, empty without dbperf's detector
	 */
	public synchronized List<Incident> incidents() {
		NPlusOneDetector current = detector;
		return (current != null && this.unit != null) ? current.evaluate(this.unit) : List.of();
	}

	/**
	 * Return what the {@code sql} and {@code runtime} rules of dbperf's catalogue found
	 * in the recorded statements, judged as one unit of work, after the application's
	 * {@code dbperf.rules.*} settings: one finding per rule and fingerprint for the
	 * {@code sql} rules, counted by executions.
	 * @return the findings, most severe first
	 */
	public synchronized List<Finding> findings() {
		List<Finding> findings = new ArrayList<>(sqlFindings());
		NPlusOneDetector current = detector;
		if (current != null && this.unit != null) {
			findings.addAll(current.findings(this.unit));
		}
		return ruleSettings.apply(findings);
	}

	private List<Finding> sqlFindings() {
		Map<String, Set<Rule>> rules = new LinkedHashMap<>();
		Map<String, Integer> executions = new LinkedHashMap<>();
		Map<String, String> sql = new LinkedHashMap<>();
		Map<String, Set<String>> inlinedTexts = new LinkedHashMap<>();
		for (StatementEvent statement : this.statements) {
			String id = statement.fingerprint().id();
			executions.merge(id, 1, Integer::sum);
			if (!statement.fingerprint().rules().isEmpty()) {
				rules.computeIfAbsent(id, (key) -> new LinkedHashSet<>()).addAll(statement.fingerprint().rules());
				sql.putIfAbsent(id, statement.fingerprint().sql());
				if (statement.fingerprint().rules().contains(Rules.SQL_INLINED_LITERALS)) {
					inlinedTexts.computeIfAbsent(id, (key) -> new LinkedHashSet<>()).add(statement.sql());
				}
			}
		}
		// As in production: literals in the text are a finding once they change between
		// executions (a discriminator or a constant flag is the same every time)
		inlinedTexts.forEach((id, texts) -> {
			if (texts.size() < 2) {
				rules.get(id).remove(Rules.SQL_INLINED_LITERALS);
			}
		});
		List<Finding> findings = new ArrayList<>();
		rules.forEach((id, broken) -> {
			int count = executions.get(id);
			for (Rule rule : broken) {
				findings.add(rule.finding(rule.title() + " (" + count + ((count == 1) ? " call)" : " calls)"),
						Where.statement(id, sql.get(id)))
					.withCount(count));
			}
		});
		return findings;
	}

	synchronized void record(StatementEvent event) {
		if (!this.running) {
			return;
		}
		if (this.statements.size() >= MAX_STATEMENTS) {
			this.dropped++;
			return;
		}
		// Values held for a plan are never kept with a recording
		StatementEvent kept = event.withoutPlanValues();
		this.statements.add(kept);
		NPlusOneDetector current = detector;
		if (current != null) {
			if (this.unit == null) {
				this.unit = current.detachedUnit("test");
			}
			current.record(this.unit, kept);
		}
	}

	/**
	 * Pass a statement to every running recorder; called by this module's
	 * auto-configuration.
	 * @param event the statement
	 */
	public static void onStatement(StatementEvent event) {
		for (QueryRecorder recorder : active) {
			recorder.record(event);
		}
	}

	/**
	 * Set the detector whose rule judges recordings; called by this module's
	 * auto-configuration.
	 * @param installed the detector, or {@code null}
	 */
	public static void install(@Nullable NPlusOneDetector installed) {
		detector = installed;
	}

	/**
	 * Set the settings findings are filtered with; called by this module's
	 * auto-configuration.
	 * @param installed the settings, or {@code null} for the defaults
	 */
	public static void installRuleSettings(@Nullable RuleSettings installed) {
		ruleSettings = (installed != null) ? installed : RuleSettings.defaults();
	}

}
