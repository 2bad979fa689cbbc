package io.github.dbperf.nplusone;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import io.github.dbperf.context.ApplicationFrames;
import io.github.dbperf.context.DbperfFailures;
import io.github.dbperf.context.UnitOfWorkContext;
import io.github.dbperf.jdbc.StatementEvent;
import io.github.dbperf.jdbc.StatementListener;
import io.github.dbperf.rules.Finding;
import io.github.dbperf.sql.Fingerprint;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ConcurrentLruCache;

/**
 * Finds N+1 and duplicate queries per unit of work. Statements are grouped by fingerprint
 * while the unit runs (a map update per select; application stacks are walked only for
 * two repeats of a fingerprint), and the rule is applied when the unit ends.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class NPlusOneDetector implements StatementListener {

	private static final Log logger = LogFactory.getLog(NPlusOneDetector.class);

	private static final int MAX_LOGGED = 10_000;

	private final NPlusOneMode mode;

	private final int minRepeats;

	private final Set<String> ignore;

	private final int maxFingerprints;

	private final long logIntervalMillis;

	private final ApplicationFrames applicationFrames;

	private final BiFunction<Fingerprint, Set<String>, @Nullable Association> associations;

	private final IncidentStore store;

	private final Consumer<Incident> counter;

	private final RuntimeRules runtimeRules;

	private final RuntimeFindings runtimeFindings;

	// Per unit of work and fingerprint: when the last line was logged; the least
	// recently logged incident is forgotten first when full
	private final ConcurrentLruCache<String, AtomicLong> lastLogged = new ConcurrentLruCache<>(MAX_LOGGED,
			(key) -> new AtomicLong(Long.MIN_VALUE));

	/**
	 * Create a new detector.
	 * @param settings the detection settings
	 * @param applicationFrames resolves application call sites
	 * @param associations names the association a select loads
	 * @param store records incidents
	 * @param counter counts incidents, such as in a meter registry
	 */
	public NPlusOneDetector(Settings settings, ApplicationFrames applicationFrames,
			BiFunction<Fingerprint, Set<String>, @Nullable Association> associations, IncidentStore store,
			Consumer<Incident> counter) {
		this(settings, applicationFrames, associations, store, counter, RuntimeRules.DEFAULTS,
				RuntimeFindings.DEFAULT_MAX_FINDINGS);
	}

	/**
	 * Create a new detector that also applies the other {@code runtime} rules when a unit
	 * of work closes.
	 * @param settings the detection settings
	 * @param applicationFrames resolves application call sites
	 * @param associations names the association a select loads
	 * @param store records incidents
	 * @param counter counts incidents, such as in a meter registry
	 * @param runtimeRules the runtime rules
	 * @param maxFindings the most aggregated runtime findings kept besides the incidents
	 */
	public NPlusOneDetector(Settings settings, ApplicationFrames applicationFrames,
			BiFunction<Fingerprint, Set<String>, @Nullable Association> associations, IncidentStore store,
			Consumer<Incident> counter, RuntimeRules runtimeRules, int maxFindings) {
		this.runtimeRules = runtimeRules;
		this.runtimeFindings = new RuntimeFindings(store, runtimeRules, maxFindings);
		this.mode = settings.mode();
		this.minRepeats = settings.minRepeats();
		this.ignore = settings.ignore();
		this.maxFingerprints = settings.maxFingerprints();
		this.logIntervalMillis = settings.logInterval().toMillis();
		this.applicationFrames = applicationFrames;
		this.associations = associations;
		this.store = store;
		this.counter = counter;
	}

	@Override
	public void onStatement(StatementEvent event) {
		if (UnitOfWorkContext.current() instanceof UnitOfWork unit) {
			unit.record(event, this.applicationFrames);
		}
	}

	/**
	 * Open a unit of work on the current thread, unless one is running.
	 * @param name the unit's name
	 * @return the new unit, or {@code null} when one is already running or detection is
	 * off
	 */
	public @Nullable UnitOfWork open(String name) {
		if (this.mode == NPlusOneMode.OFF || UnitOfWorkContext.current() != null) {
			return null;
		}
		UnitOfWork unit = new UnitOfWork(name, this.maxFingerprints, this.minRepeats, null,
				this.runtimeRules.maxResultRows(), this.applicationFrames);
		UnitOfWorkContext.set(unit);
		return unit;
	}

	/**
	 * Open a unit of work on the current thread even when one is running, such as for an
	 * HTTP request inside a test-managed transaction: the running unit is suspended until
	 * this one is closed, and keeps only the statements outside it.
	 * @param name the unit's name
	 * @return the new unit, or {@code null} when detection is off
	 */
	public @Nullable UnitOfWork openNested(String name) {
		if (this.mode == NPlusOneMode.OFF) {
			return null;
		}
		UnitOfWork unit = new UnitOfWork(name, this.maxFingerprints, this.minRepeats, UnitOfWorkContext.current(),
				this.runtimeRules.maxResultRows(), this.applicationFrames);
		UnitOfWorkContext.set(unit);
		return unit;
	}

	/**
	 * End a unit of work opened with {@link #open(String)} or
	 * {@link #openNested(String)}: apply the rule, record and report what it found.
	 * Always clears the thread's unit, or resumes the one a nested unit suspended.
	 * @param unit the unit, or {@code null} when {@code open} returned none
	 * @throws NPlusOneException in {@code exception} mode when N+1 queries were found
	 */
	public void close(@Nullable UnitOfWork unit) {
		if (unit == null) {
			return;
		}
		List<Incident> incidents;
		try {
			UnitOfWorkContext.set(unit.outer());
			incidents = unit.evaluate(this.minRepeats, this.associations, this::isIgnored);
			for (Incident incident : incidents) {
				this.store.record(incident);
				this.counter.accept(incident);
				if (this.mode == NPlusOneMode.LOG) {
					log(incident);
				}
			}
			this.runtimeFindings.record(this.runtimeRules.evaluate(unit));
		}
		catch (RuntimeException ex) {
			DbperfFailures.swallow("N+1 detection", ex);
			return;
		}
		if (this.mode != NPlusOneMode.EXCEPTION || incidents.isEmpty()) {
			return;
		}
		List<Incident> nPlusOne = incidents.stream().filter((i) -> i.kind() == IncidentKind.N_PLUS_ONE).toList();
		if (!nPlusOne.isEmpty()) {
			throw new NPlusOneException(nPlusOne);
		}
	}

	/**
	 * Create a unit of work that is not bound to a thread, for a recorder that collects
	 * statements from any thread, such as in tests. Feed it with
	 * {@link #record(UnitOfWork, StatementEvent)} and judge it with
	 * {@link #evaluate(UnitOfWork)}.
	 * @param name the unit's name
	 * @return the unit
	 */
	public UnitOfWork detachedUnit(String name) {
		return new UnitOfWork(name, this.maxFingerprints, this.minRepeats, null);
	}

	/**
	 * Record a statement in a detached unit, walking call stacks on the calling thread.
	 * Callers synchronize on the unit when statements arrive from several threads.
	 * @param unit the unit
	 * @param event the statement
	 */
	public void record(UnitOfWork unit, StatementEvent event) {
		unit.record(event, this.applicationFrames);
	}

	/**
	 * Apply the N+1 and duplicate rule to a unit without recording, logging or throwing.
	 * @param unit the unit
	 * @return the incidents found, ignored ones left out
	 */
	public List<Incident> evaluate(UnitOfWork unit) {
		return unit.evaluate(this.minRepeats, this.associations, this::isIgnored);
	}

	/**
	 * Apply every {@code runtime} rule to a unit without recording, logging or throwing.
	 * @param unit the unit
	 * @return the findings, each counted once
	 */
	public List<Finding> findings(UnitOfWork unit) {
		List<Finding> findings = new ArrayList<>();
		for (Incident incident : evaluate(unit)) {
			Finding finding = this.runtimeRules.finding(incident);
			if (finding != null) {
				findings.add(finding);
			}
		}
		findings.addAll(this.runtimeRules.evaluate(unit));
		return findings;
	}

	/**
	 * Return the findings of the {@code runtime} rules over the closed units of work.
	 * @return the findings source
	 */
	public RuntimeFindings runtimeFindings() {
		return this.runtimeFindings;
	}

	private boolean isIgnored(Incident incident) {
		for (String pattern : this.ignore) {
			if (incident.fingerprint().equals(pattern) || incident.sql().contains(pattern)
					|| (incident.callSite() != null && incident.callSite().contains(pattern))
					|| pattern.equals(incident.association())) {
				return true;
			}
		}
		return false;
	}

	private void log(Incident incident) {
		if (!logger.isWarnEnabled()) {
			return;
		}
		AtomicLong lastLogged = this.lastLogged.get(incident.unitOfWork() + "|" + incident.fingerprint());
		long now = System.currentTimeMillis();
		long last = lastLogged.get();
		if (last != Long.MIN_VALUE && now - last < this.logIntervalMillis) {
			return;
		}
		if (lastLogged.compareAndSet(last, now)) {
			logger.warn(incident.describe());
		}
	}

	/**
	 * Return the incident store.
	 * @return the store
	 */
	public IncidentStore store() {
		return this.store;
	}

	/**
	 * Return the executions of one select in a unit of work that make an incident.
	 * @return the count
	 */
	public int minRepeats() {
		return this.minRepeats;
	}

	/**
	 * Return the mode.
	 * @return the mode
	 */
	public NPlusOneMode mode() {
		return this.mode;
	}

	/**
	 * Detection settings.
	 *
	 * @param mode what to do with incidents
	 * @param minRepeats executions of one select that make an incident
	 * @param ignore fingerprint ids, SQL fragments, call sites or associations to leave
	 * out
	 * @param maxFingerprints the most fingerprints tracked per unit of work
	 * @param logInterval the least time between two log lines for one incident
	 */
	public record Settings(NPlusOneMode mode, int minRepeats, Set<String> ignore, int maxFingerprints,
			Duration logInterval) {

	}

}
