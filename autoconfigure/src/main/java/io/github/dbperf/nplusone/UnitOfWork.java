package io.github.dbperf.nplusone;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.github.dbperf.context.ApplicationFrames;
import io.github.dbperf.context.UnitOfWorkContext;
import io.github.dbperf.jdbc.StatementEvent;
import io.github.dbperf.sql.Fingerprint;
import io.github.dbperf.sql.Operation;
import io.github.dbperf.sql.SqlText;
import org.jspecify.annotations.Nullable;

/**
 * One unit of work's statements, grouped by fingerprint. Confined to the thread that runs
 * it; memory is capped by the number of fingerprints and sampled call stacks kept.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class UnitOfWork implements UnitOfWorkContext.Unit {

	private volatile String name;

	private final int maxFingerprints;

	private final int firstWalk;

	private final UnitOfWorkContext.@Nullable Unit outer;

	private final Map<String, Group> groups = new HashMap<>();

	private @Nullable Map<String, Writes> writes;

	private int statements;

	private boolean startup;

	private int connectionsWithoutStatement;

	private boolean handlerReturned;

	private int statementsAfterHandler;

	private @Nullable Fingerprint firstAfterHandler;

	private @Nullable String firstAfterHandlerSite;

	private final int maxResultRows;

	private final @Nullable ApplicationFrames frames;

	private int autoCommitWrites;

	private @Nullable Fingerprint firstAutoCommitWrite;

	private @Nullable String autoCommitWriteSite;

	private @Nullable Fingerprint inMemoryPage;

	private @Nullable String inMemoryPageMethod;

	private @Nullable Fingerprint lastSelect;

	private @Nullable String lastSelectSql;

	private int largestResultRows;

	private @Nullable String largestResultSql;

	private @Nullable Fingerprint largestResult;

	private @Nullable String largestResultSite;

	UnitOfWork(String name, int maxFingerprints, int minRepeats, UnitOfWorkContext.@Nullable Unit outer) {
		this(name, maxFingerprints, minRepeats, outer, 0, null);
	}

	/**
	 * Create a unit that also counts the rows of its query results.
	 * @param name the unit's name
	 * @param maxFingerprints the most fingerprints tracked
	 * @param minRepeats the fewest repeats reported
	 * @param outer the unit this one suspends, or {@code null}
	 * @param maxResultRows the most rows of one result not reported, 0 to count none
	 * @param frames resolves the call site of a large result, or {@code null} when rows
	 * are not counted
	 */
	UnitOfWork(String name, int maxFingerprints, int minRepeats, UnitOfWorkContext.@Nullable Unit outer,
			int maxResultRows, @Nullable ApplicationFrames frames) {
		this.maxResultRows = (frames != null) ? maxResultRows : 0;
		this.frames = frames;
		this.name = name;
		this.maxFingerprints = maxFingerprints;
		// The two executions that reach min-repeats are the ones whose stacks are
		// compared; with min-repeats of 2 that would walk on every first select, so the
		// first repeat is the earliest
		this.firstWalk = Math.max(2, minRepeats - 1);
		this.outer = outer;
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
	 * Return the unit this one suspended, such as the test-managed transaction around an
	 * HTTP request.
	 * @return the suspended unit, or {@code null}
	 */
	UnitOfWorkContext.@Nullable Unit outer() {
		return this.outer;
	}

	void record(StatementEvent event, ApplicationFrames frames) {
		Fingerprint fingerprint = event.fingerprint();
		if (this.statements < Integer.MAX_VALUE) {
			this.statements++;
		}
		this.startup |= event.startup();
		if (this.handlerReturned) {
			recordAfterHandler(fingerprint, frames);
		}
		if (event.autoCommitWrite()) {
			recordAutoCommitWrite(fingerprint, frames);
		}
		if (fingerprint.operation() == Operation.SELECT) {
			this.lastSelect = fingerprint;
			this.lastSelectSql = event.sql();
			if (event.firstSelectOfPagedCall() && this.inMemoryPage == null && cutsPageInMemory(fingerprint)) {
				this.inMemoryPage = fingerprint;
				this.inMemoryPageMethod = event.repositoryMethod();
			}
		}
		if (fingerprint.operation() == Operation.INSERT && event.batchSize() == 0) {
			recordInsert(fingerprint, frames);
			return;
		}
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
		// Only fingerprints that repeat pay for stack walks, two at most: a loop runs
		// every execution from the same application stack
		int execution = group.count + 1;
		group.record(event, (execution == this.firstWalk || execution == this.firstWalk + 1) ? frames : null);
	}

	private void recordAfterHandler(Fingerprint fingerprint, ApplicationFrames frames) {
		if (this.statementsAfterHandler == 0) {
			this.firstAfterHandler = fingerprint;
			this.firstAfterHandlerSite = frames.callerFrame();
		}
		if (this.statementsAfterHandler < Integer.MAX_VALUE) {
			this.statementsAfterHandler++;
		}
	}

	private void recordAutoCommitWrite(Fingerprint fingerprint, ApplicationFrames frames) {
		if (this.autoCommitWrites == 0) {
			this.firstAutoCommitWrite = fingerprint;
		}
		else if (this.autoCommitWrites == 1) {
			// One stack walk per unit, once the rule can fire
			this.autoCommitWriteSite = frames.callerFrame();
		}
		if (this.autoCommitWrites < Integer.MAX_VALUE) {
			this.autoCommitWrites++;
		}
	}

	/**
	 * Whether the first select of a paged repository call asks the database for every
	 * row: with a join, it is Hibernate fetching a collection and cutting the page in
	 * memory (HHH90003004); a select without a join would have had its limit.
	 */
	private static boolean cutsPageInMemory(Fingerprint fingerprint) {
		String sql = fingerprint.sql();
		return !fingerprint.paged() && sql.contains(" join ") && !sql.startsWith("select count(");
	}

	@Override
	public boolean countsRows() {
		return this.maxResultRows > 0;
	}

	@Override
	public void rowsRead(String sql, int rows) {
		if (rows <= this.maxResultRows || rows <= this.largestResultRows || this.frames == null) {
			return;
		}
		this.largestResultRows = rows;
		this.largestResultSql = sql;
		this.largestResult = (sql.equals(this.lastSelectSql)) ? this.lastSelect : selectOf(sql);
		this.largestResultSite = this.frames.callerFrame();
	}

	// A result read after later selects ran, such as a stream with lazy loads per row
	private @Nullable Fingerprint selectOf(String sql) {
		for (Group group : this.groups.values()) {
			if (sql.equals(group.firstSql)) {
				return group.fingerprint;
			}
		}
		return null;
	}

	int autoCommitWrites() {
		return this.autoCommitWrites;
	}

	@Nullable Fingerprint firstAutoCommitWrite() {
		return this.firstAutoCommitWrite;
	}

	@Nullable String autoCommitWriteSite() {
		return this.autoCommitWriteSite;
	}

	@Nullable Fingerprint inMemoryPage() {
		return this.inMemoryPage;
	}

	@Nullable String inMemoryPageMethod() {
		return this.inMemoryPageMethod;
	}

	int largestResultRows() {
		return this.largestResultRows;
	}

	@Nullable String largestResultSql() {
		return this.largestResultSql;
	}

	@Nullable Fingerprint largestResult() {
		return this.largestResult;
	}

	@Nullable String largestResultSite() {
		return this.largestResultSite;
	}

	@Override
	public void connectionWithoutStatement() {
		if (this.connectionsWithoutStatement < Integer.MAX_VALUE) {
			this.connectionsWithoutStatement++;
		}
	}

	@Override
	public void handlerReturned() {
		this.handlerReturned = true;
	}

	int connectionsWithoutStatement() {
		return this.connectionsWithoutStatement;
	}

	int statementsAfterHandler() {
		return this.statementsAfterHandler;
	}

	@Nullable Fingerprint firstAfterHandler() {
		return this.firstAfterHandler;
	}

	@Nullable String firstAfterHandlerSite() {
		return this.firstAfterHandlerSite;
	}

	private void recordInsert(Fingerprint fingerprint, ApplicationFrames frames) {
		if (this.writes == null) {
			this.writes = new HashMap<>();
		}
		Writes insert = this.writes.get(fingerprint.id());
		if (insert == null) {
			if (this.writes.size() >= this.maxFingerprints) {
				return;
			}
			insert = new Writes(fingerprint);
			this.writes.put(fingerprint.id(), insert);
		}
		insert.count++;
		// One stack walk per repeated insert fingerprint and unit
		if (insert.count == 2) {
			insert.site = frames.callerFrame();
		}
	}

	/**
	 * Return how many statements ran in the unit, at most {@link Integer#MAX_VALUE}.
	 * @return the count
	 */
	int statements() {
		return this.statements;
	}

	/**
	 * Return whether a statement of the unit ran while the application was starting
	 * (seeding, warm-up), where many statements are expected.
	 * @return whether the unit ran at startup
	 */
	boolean ranAtStartup() {
		return this.startup;
	}

	/**
	 * Return the inserts that ran outside a JDBC batch, by fingerprint.
	 * @return the inserts, empty when none
	 */
	Collection<Writes> unbatchedInserts() {
		return (this.writes != null) ? this.writes.values() : List.of();
	}

	List<Incident> evaluate(int minRepeats, BiFunction<Fingerprint, Set<String>, @Nullable Association> associations,
			Function<Incident, Boolean> ignored) {
		if (!reaches(minRepeats)) {
			return List.of();
		}
		List<Incident> incidents = new ArrayList<>();
		Set<String> tablesRead = new HashSet<>();
		Set<String> tablesPaged = new HashSet<>();
		for (Group group : this.groups.values()) {
			tablesRead.addAll(group.fingerprint.tables());
			if (group.fingerprint.paged()) {
				tablesPaged.addAll(group.fingerprint.tables());
			}
		}
		for (Group group : this.groups.values()) {
			if (group.count < minRepeats || group.fingerprint.paged() || isPageCount(group.fingerprint, tablesPaged)) {
				continue;
			}
			if (group.stacksDiffer) {
				// Repeats came from different application stacks (calls on separate
				// lines, or separate loops): not one N+1
				continue;
			}
			IncidentKind kind = group.differing ? IncidentKind.N_PLUS_ONE : IncidentKind.DUPLICATE;
			Association association = (kind == IncidentKind.N_PLUS_ONE)
					? associations.apply(group.fingerprint, tablesRead) : null;
			Incident incident = new Incident(kind, this.name, group.fingerprint.id(),
					SqlText.cut(group.fingerprint.sql(), SqlText.DEFAULT_MAX_LENGTH),
					(association != null) ? association.name() : null,
					(association != null) ? association.fetchType() : null, group.site, group.count,
					Suggestions.forIncident(kind, association));
			if (!ignored.apply(incident)) {
				incidents.add(incident);
			}
		}
		return incidents;
	}

	private boolean reaches(int minRepeats) {
		for (Group group : this.groups.values()) {
			if (group.count >= minRepeats) {
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

	/**
	 * The executions of one write fingerprint outside a batch.
	 */
	static final class Writes {

		private final Fingerprint fingerprint;

		private int count;

		private @Nullable String site;

		Writes(Fingerprint fingerprint) {
			this.fingerprint = fingerprint;
		}

		Fingerprint fingerprint() {
			return this.fingerprint;
		}

		int count() {
			return this.count;
		}

		@Nullable String site() {
			return this.site;
		}

	}

	private static final class Group {

		private final Fingerprint fingerprint;

		private int count;

		private @Nullable String firstSql;

		private long firstParameterHash;

		private boolean differing;

		private @Nullable List<StackTraceElement> stack;

		private @Nullable String site;

		private boolean stacksDiffer;

		Group(Fingerprint fingerprint) {
			this.fingerprint = fingerprint;
		}

		void record(StatementEvent event, @Nullable ApplicationFrames frames) {
			this.count++;
			if (this.count == 1) {
				this.firstSql = event.sql();
				this.firstParameterHash = event.parameterHash();
			}
			else if (!this.differing
					&& (event.parameterHash() != this.firstParameterHash || !event.sql().equals(this.firstSql))) {
				// Differing parameters or differing raw text (inlined literals): the
				// executions load different rows
				this.differing = true;
				this.firstSql = null;
			}
			if (frames != null) {
				List<StackTraceElement> current = frames.callerStack();
				if (this.stack == null) {
					this.stack = current;
					this.site = current.isEmpty() ? null : ApplicationFrames.describe(current.get(0));
				}
				else {
					this.stacksDiffer = this.stacksDiffer || !this.stack.equals(current);
				}
			}
		}

	}

}
