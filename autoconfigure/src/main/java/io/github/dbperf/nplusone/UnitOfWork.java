package io.github.dbperf.nplusone;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.dbperf.jdbc.StatementEvent;
import io.github.dbperf.jdbc.UnitOfWorkContext;
import io.github.dbperf.sql.Fingerprint;
import io.github.dbperf.sql.Operation;
import io.github.dbperf.sql.SqlText;
import org.jspecify.annotations.Nullable;

/**
 * One unit of work's statements, grouped by fingerprint. Confined to the thread that runs
 * it; memory is capped by the number of fingerprints and sampled call sites kept.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class UnitOfWork implements UnitOfWorkContext.Unit {

	private static final String UNKNOWN_SITE = "unknown";

	private volatile String name;

	private final int maxFingerprints;

	private final int threshold;

	private final Map<String, Group> groups = new HashMap<>();

	private int statements;

	private long nanos;

	UnitOfWork(String name, int maxFingerprints, int threshold) {
		this.name = name;
		this.maxFingerprints = maxFingerprints;
		this.threshold = threshold;
	}

	@Override
	public String name() {
		return this.name;
	}

	/**
	 * Rename the unit, such as once the request's route pattern is known.
	 * @param name the new name
	 */
	public void rename(String name) {
		this.name = name;
	}

	/**
	 * Return how many statements ran in this unit.
	 * @return the count
	 */
	public int statements() {
		return this.statements;
	}

	/**
	 * Return the statements' total time.
	 * @return the time in nanoseconds
	 */
	public long nanos() {
		return this.nanos;
	}

	void record(StatementEvent event, Supplier<@Nullable String> callSite) {
		this.statements++;
		this.nanos += event.elapsedNanos();
		Fingerprint fingerprint = event.fingerprint();
		// Selects without a table (sequence values, "select 1") are not loads
		if (fingerprint.operation() != Operation.SELECT || fingerprint.batchFetch() || fingerprint.tables().isEmpty()) {
			return;
		}
		Group group = this.groups.get(fingerprint.id());
		if (group == null) {
			if (this.groups.size() >= this.maxFingerprints) {
				return;
			}
			group = new Group(fingerprint);
			this.groups.put(fingerprint.id(), group);
		}
		// Only fingerprints that reach the threshold pay for stack walks, two at most:
		// the execution that reaches it and the next must come from the same call site
		int execution = group.count + 1;
		group.record(event.parameterHash(),
				(execution == this.threshold || execution == this.threshold + 1) ? callSite : null);
	}

	List<Incident> evaluate(int threshold, BiFunction<Fingerprint, Set<String>, @Nullable Association> associations,
			Function<Incident, Boolean> ignored) {
		if (!reaches(threshold)) {
			return List.of();
		}
		List<Incident> incidents = new ArrayList<>();
		Set<String> tablesRead = new HashSet<>();
		Set<String> tablesPaged = new HashSet<>();
		for (Group group : this.groups.values()) {
			tablesRead.addAll(group.fingerprint.tables());
			if (isPaging(group.fingerprint.sql())) {
				tablesPaged.addAll(group.fingerprint.tables());
			}
		}
		for (Group group : this.groups.values()) {
			if (group.count < threshold || isPaging(group.fingerprint.sql())
					|| isPageCount(group.fingerprint, tablesPaged)) {
				continue;
			}
			if (group.sitesDiffer) {
				// Repeats came from different call sites: separate loops, not one N+1
				continue;
			}
			String site = UNKNOWN_SITE.equals(group.site) ? null : group.site;
			IncidentKind kind = group.differingParameters ? IncidentKind.N_PLUS_ONE : IncidentKind.DUPLICATE;
			Association association = (kind == IncidentKind.N_PLUS_ONE)
					? associations.apply(group.fingerprint, tablesRead) : null;
			Incident incident = new Incident(kind, this.name, group.fingerprint.id(),
					SqlText.cut(group.fingerprint.sql(), SqlText.DEFAULT_MAX_LENGTH),
					(association != null) ? association.name() : null,
					(association != null) ? association.fetchType() : null, site, group.count,
					Suggestions.forIncident(kind, association));
			if (!ignored.apply(incident)) {
				incidents.add(incident);
			}
		}
		return incidents;
	}

	private boolean reaches(int threshold) {
		for (Group group : this.groups.values()) {
			if (group.count >= threshold) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether a fingerprint is the count query that goes with each page of a paging loop
	 * (Spring Data's {@code Page}), which repeats by design.
	 */
	private static boolean isPageCount(Fingerprint fingerprint, Set<String> tablesPaged) {
		return fingerprint.sql().startsWith("select count(") && tablesPaged.containsAll(fingerprint.tables());
	}

	private static boolean isPaging(String sql) {
		return sql.contains(" offset ") || sql.contains(" limit ") || sql.contains(" fetch first ")
				|| sql.contains(" fetch next ");
	}

	private static final class Group {

		private final Fingerprint fingerprint;

		private int count;

		private long firstParameterHash;

		private boolean differingParameters;

		private @Nullable String site;

		private boolean sitesDiffer;

		Group(Fingerprint fingerprint) {
			this.fingerprint = fingerprint;
		}

		void record(long parameterHash, @Nullable Supplier<@Nullable String> callSite) {
			this.count++;
			if (this.count == 1) {
				this.firstParameterHash = parameterHash;
			}
			else if (parameterHash != this.firstParameterHash) {
				this.differingParameters = true;
			}
			if (callSite != null) {
				String frame = callSite.get();
				if (this.site == null) {
					this.site = (frame != null) ? frame : UNKNOWN_SITE;
				}
				else if (!this.site.equals((frame != null) ? frame : UNKNOWN_SITE)) {
					this.sitesDiffer = true;
				}
			}
		}

	}

}
