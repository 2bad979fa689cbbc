package io.github.dbperf.plan;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import io.github.dbperf.sql.Operation;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks one borrowed connection for a statement's plan without executing the statement:
 * {@code EXPLAIN} without {@code ANALYZE}, in a transaction that is rolled back (read
 * only, except for writes on MySQL/MariaDB, which refuse to explain them there), with a
 * statement timeout, and never for a text that holds more than one statement. PostgreSQL
 * 16+ plans the fingerprint with {@code EXPLAIN (GENERIC_PLAN)}, sent with the simple
 * query protocol so that {@code $1} reaches the server as written; PostgreSQL 12-15 (or
 * when asked) through {@code PREPARE} with {@code plan_cache_mode = force_generic_plan}
 * and {@code EXPLAIN EXECUTE} with null arguments; MySQL/MariaDB with the slowest
 * execution's values, every literal folded out of the returned plan. Where HypoPG is
 * installed, each suggested B-tree index is tried as a hypothetical index on the same
 * connection.
 *
 * @author dbperf
 * @since 0.2.0
 */
final class PlanCapture {

	// pgjdbc's QueryExecutor.QUERY_EXECUTE_AS_SIMPLE
	private static final int PGJDBC_SIMPLE_QUERY = 1024;

	private static final PlanAnswer MORE_THAN_ONE = PlanAnswer
		.unavailable("The text holds more than one statement (a ';' followed by more SQL): dbperf explains single "
				+ "statements only and sent nothing");

	private static final AtomicLong names = new AtomicLong();

	private final PlanSettings settings;

	private final IndexAdvisor advisor;

	private final JsonMapper mapper;

	private final Clock clock;

	PlanCapture(PlanSettings settings, IndexAdvisor advisor, JsonMapper mapper, Clock clock) {
		this.settings = settings;
		this.advisor = advisor;
		this.mapper = mapper;
		this.clock = clock;
	}

	PlanAnswer capture(Connection connection, PlanRequest request) throws SQLException {
		DatabaseMetaData metaData = connection.getMetaData();
		String product = metaData.getDatabaseProductName();
		String database = product + " " + metaData.getDatabaseProductVersion();
		boolean postgres = "PostgreSQL".equalsIgnoreCase(product);
		boolean mysql = "MySQL".equalsIgnoreCase(product) || "MariaDB".equalsIgnoreCase(product);
		if (!postgres && !mysql) {
			return PlanAnswer.unavailable(product + " cannot be asked for a plan without running the statement: "
					+ "dbperf plans statements on PostgreSQL 12+, MySQL and MariaDB");
		}
		if (postgres && metaData.getDatabaseMajorVersion() < 12) {
			return PlanAnswer.unavailable(database + " is older than PostgreSQL 12, which plans generically");
		}
		Session session = new Session(connection);
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(false);
		try {
			return postgres ? postgres(session, request, metaData.getDatabaseMajorVersion(), database)
					: mysql(session, request, database, database.toLowerCase(Locale.ROOT).contains("mariadb"));
		}
		finally {
			session.close();
			connection.setAutoCommit(autoCommit);
		}
	}

	private PlanAnswer postgres(Session session, PlanRequest request, int major, String database) throws SQLException {
		PlanSql.Numbered numbered = PlanSql.numbered(request.sql());
		if (numbered == null) {
			return PlanAnswer.unavailable("The statement's VALUES list was squashed and names no columns to plan it");
		}
		if (PlanSql.multipleStatements(numbered.sql(), false)) {
			return MORE_THAN_ONE;
		}
		session.execute("set transaction read only");
		session.execute("set local statement_timeout = " + Math.max(1, this.settings.statementTimeout().toMillis()));
		boolean generic = this.settings.genericPlan() == PlanSettings.GenericPlan.AUTO && major >= 16;
		String text;
		try {
			text = generic ? session.explainGeneric(numbered.sql()) : null;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			text = null;
		}
		String source;
		if (text != null) {
			source = "EXPLAIN (GENERIC_PLAN, FORMAT JSON)";
		}
		else {
			generic = false;
			session.execute("set local plan_cache_mode = force_generic_plan");
			text = session.explainPrepared(numbered);
			source = "PREPARE with plan_cache_mode = force_generic_plan; EXPLAIN (FORMAT JSON) EXECUTE";
		}
		JsonNode plan = this.mapper.readTree(text);
		PlanReader.Read read = PlanReader.postgres(plan, session::tableRows);
		List<PlanFinding> findings = this.advisor.advise(read, true,
				PlanSql.leadingWildcard(request.rawSql(), null) || PlanSql.leadingWildcard(request.sql(), null));
		if (this.settings.verifyWithHypopg() && !findings.isEmpty() && read.summary().totalCost() != null
				&& session.hasHypopg()) {
			findings = verify(session, numbered, generic, read.summary().totalCost(), findings);
		}
		return PlanAnswer.captured(new CapturedPlan(request.id(), request.sql(), database, source, this.clock.instant(),
				plan, read.summary(), findings));
	}

	private List<PlanFinding> verify(Session session, PlanSql.Numbered numbered, boolean generic, double before,
			List<PlanFinding> findings) throws SQLException {
		List<PlanFinding> verified = new ArrayList<>(findings.size());
		for (PlanFinding finding : findings) {
			String ddl = IndexAdvisor.hypothetical(finding);
			if (ddl == null) {
				verified.add(finding);
				continue;
			}
			session.hypothetical(ddl);
			try {
				String text = generic ? session.explainGeneric(numbered.sql()) : session.explainPrepared(numbered);
				Double after = PlanReader.postgres(this.mapper.readTree(text), (table) -> null).summary().totalCost();
				verified.add((after != null) ? finding.verified(before, after) : finding);
			}
			catch (ReflectiveOperationException ex) {
				verified.add(finding);
			}
			finally {
				session.query("select hypopg_reset()");
			}
		}
		return verified;
	}

	private PlanAnswer mysql(Session session, PlanRequest request, String database, boolean mariadb)
			throws SQLException {
		String raw = request.rawSql();
		if (raw == null) {
			return PlanAnswer.unavailable("MySQL and MariaDB plan a statement only with values: its plan is "
					+ "captured when it is next slow (dbperf.plans.capture-on-slow)");
		}
		String sql = raw;
		if (raw.indexOf('?') >= 0) {
			String bound = (request.values() != null) ? PlanSql.bound(raw, request.values()) : null;
			if (bound == null) {
				return PlanAnswer.unavailable("MySQL and MariaDB plan a statement only with values, and this "
						+ "execution's values were not held: they are, for the EXPLAIN only and never shown, when a "
						+ "statement is at least dbperf.queries.slow-threshold slow; its plan is captured when it is "
						+ "next slow (dbperf.plans.capture-on-slow)");
			}
			sql = bound;
		}
		if (PlanSql.multipleStatements(sql, true)) {
			return MORE_THAN_ONE;
		}
		// MySQL and MariaDB refuse to explain a write in a read-only transaction
		session
			.execute((request.operation() == Operation.SELECT) ? "start transaction read only" : "start transaction");
		long seconds = Math.max(1, (this.settings.statementTimeout().toMillis() + 999) / 1000);
		String explain = (mariadb ? "set statement max_statement_time=" + seconds + " for " : "")
				+ "explain format=json " + sql;
		String text;
		try {
			text = session.query(explain);
		}
		catch (SQLException ex) {
			// The database's message may quote the statement with its values, and a value
			// can break the quoting that folding relies on: with values bound, only codes
			String message = (request.values() == null || request.values().isEmpty())
					? PlanLiterals.fold(String.valueOf(ex.getMessage()))
					: "error " + ex.getErrorCode() + " (SQLState " + ex.getSQLState() + ")";
			throw new SQLException(message, ex.getSQLState(), ex.getErrorCode());
		}
		JsonNode plan = PlanLiterals.fold(this.mapper.readTree(text));
		PlanReader.Read read = PlanReader.mysql(plan);
		List<PlanFinding> findings = this.advisor.advise(read, false, PlanSql.leadingWildcard(raw, request.values()));
		return PlanAnswer.captured(new CapturedPlan(request.id(), request.sql(), database, "EXPLAIN FORMAT=JSON",
				this.clock.instant(), plan, read.summary(), findings));
	}

	/**
	 * The statements run on the borrowed connection, and their clean-up: roll back, then
	 * deallocate what was prepared (prepared statements outlive a rollback).
	 */
	private final class Session {

		private final Connection connection;

		private final List<String> prepared = new ArrayList<>();

		private @Nullable Boolean hypopg;

		Session(Connection connection) {
			this.connection = connection;
		}

		void execute(String sql) throws SQLException {
			try (Statement statement = statement()) {
				statement.execute(sql);
			}
		}

		@Nullable String query(String sql) throws SQLException {
			try (Statement statement = statement(); ResultSet result = statement.executeQuery(sql)) {
				return result.next() ? result.getString(1) : null;
			}
		}

		String explainGeneric(String sql) throws SQLException, ReflectiveOperationException {
			try (Statement statement = statement()) {
				Class<?> base = Class.forName("org.postgresql.core.BaseStatement", false,
						statement.getClass().getClassLoader());
				Object pgStatement = statement.unwrap(base);
				Method execute = base.getMethod("executeWithFlags", String.class, int.class);
				execute.invoke(pgStatement, "explain (generic_plan, format json) " + sql, PGJDBC_SIMPLE_QUERY);
				try (ResultSet result = statement.getResultSet()) {
					result.next();
					return result.getString(1);
				}
			}
			catch (java.lang.reflect.InvocationTargetException ex) {
				if (ex.getCause() instanceof SQLException sqlException) {
					throw sqlException;
				}
				throw ex;
			}
		}

		String explainPrepared(PlanSql.Numbered numbered) throws SQLException {
			String name = "dbperf_plan_" + names.incrementAndGet();
			execute("prepare " + name + " as " + numbered.sql());
			this.prepared.add(name);
			String arguments = (numbered.parameters() > 0)
					? "(" + String.join(", ", Collections.nCopies(numbered.parameters(), "null")) + ")" : "";
			String text = query("explain (format json) execute " + name + arguments);
			execute("deallocate " + name);
			this.prepared.remove(name);
			return text;
		}

		@Nullable Long tableRows(String table) {
			try (PreparedStatement statement = this.connection
				.prepareStatement("select reltuples::bigint from pg_class where oid = to_regclass(?)")) {
				statement.setQueryTimeout(timeoutSeconds());
				statement.setString(1, table);
				try (ResultSet result = statement.executeQuery()) {
					return (result.next() && result.getLong(1) >= 0) ? result.getLong(1) : null;
				}
			}
			catch (SQLException ex) {
				return null;
			}
		}

		boolean hasHypopg() throws SQLException {
			if (this.hypopg == null) {
				this.hypopg = "1".equals(query("select count(*) from pg_extension where extname = 'hypopg'"));
			}
			return this.hypopg;
		}

		void hypothetical(String ddl) throws SQLException {
			try (PreparedStatement statement = this.connection
				.prepareStatement("select indexrelid from hypopg_create_index(?)")) {
				statement.setQueryTimeout(timeoutSeconds());
				statement.setString(1, ddl);
				statement.executeQuery().close();
			}
		}

		private Statement statement() throws SQLException {
			Statement statement = this.connection.createStatement();
			statement.setQueryTimeout(timeoutSeconds());
			return statement;
		}

		private int timeoutSeconds() {
			return (int) Math.max(1, (PlanCapture.this.settings.statementTimeout().toMillis() + 999) / 1000);
		}

		void close() throws SQLException {
			this.connection.rollback();
			if (!this.prepared.isEmpty() || Boolean.TRUE.equals(this.hypopg)) {
				for (String name : this.prepared) {
					execute("deallocate " + name);
				}
				if (Boolean.TRUE.equals(this.hypopg)) {
					query("select hypopg_reset()");
				}
				this.connection.rollback();
			}
		}

	}

}
