package io.github.dbperf.rules;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import static io.github.dbperf.rules.RuleCategory.CONFIGURATION;
import static io.github.dbperf.rules.RuleCategory.MAPPING;
import static io.github.dbperf.rules.RuleCategory.PLAN;
import static io.github.dbperf.rules.RuleCategory.RUNTIME;
import static io.github.dbperf.rules.RuleCategory.SCHEMA;
import static io.github.dbperf.rules.RuleCategory.SQL;
import static io.github.dbperf.rules.Severity.ERROR;
import static io.github.dbperf.rules.Severity.INFO;
import static io.github.dbperf.rules.Severity.WARN;

/**
 * The catalogue: every rule dbperf runs, by id. Each has a section in
 * {@code docs/rules.md}; ids never change once released.
 *
 * @author dbperf
 * @since 0.2.0
 */
public final class Rules {

	private static final Map<String, Rule> ALL = new LinkedHashMap<>();

	// mapping

	public static final Rule JPA_EAGER_TO_MANY = add("jpa-eager-to-many", MAPPING, WARN,
			"A to-many association is fetched EAGER: every load of the owner loads the collection",
			"Make it LAZY and fetch it where needed with a JOIN FETCH or an @EntityGraph");

	public static final Rule JPA_EAGER_TO_ONE = add("jpa-eager-to-one", MAPPING, INFO,
			"A @ManyToOne or @OneToOne is EAGER (JPA's default): every query for the owner loads it too",
			"Set fetch = FetchType.LAZY and fetch it where needed");

	public static final Rule JPA_IDENTITY_DISABLES_BATCHING = add("jpa-identity-disables-batching", MAPPING, WARN,
			"IDENTITY ids while JDBC batching is configured: Hibernate never batches these inserts",
			"Use a SEQUENCE generator with an allocationSize (pooled optimizer)");

	public static final Rule JPA_MANY_TO_MANY_LIST = add("jpa-many-to-many-list", MAPPING, WARN,
			"A @ManyToMany List is a bag: removing one link deletes and reinserts the whole link table rows",
			"Map it as a Set");

	public static final Rule JPA_CASCADE_REMOVE_MANY_TO_MANY = add("jpa-cascade-remove-many-to-many", MAPPING, ERROR,
			"CascadeType.REMOVE on a @ManyToMany deletes entities other owners still link to",
			"Remove CascadeType.REMOVE/ALL from the @ManyToMany and remove the links instead");

	public static final Rule JPA_UNIDIRECTIONAL_ONE_TO_MANY = add("jpa-unidirectional-one-to-many", MAPPING, WARN,
			"A unidirectional @OneToMany without @JoinColumn uses a join table and extra statements",
			"Map the child's @ManyToOne and use mappedBy, or add @JoinColumn");

	public static final Rule JPA_ONE_TO_ONE_PARENT_SIDE = add("jpa-one-to-one-parent-side", MAPPING, WARN,
			"The parent side of a bidirectional @OneToOne cannot be lazy: every parent load queries the child",
			"Map only the child side with @MapsId, or use a @ManyToOne-style lookup");

	public static final Rule JPA_LARGE_COLUMN_EAGER = add("jpa-large-column-eager", MAPPING, INFO,
			"A @Lob or large column is loaded with every query for the entity",
			"Move it to a lazily loaded child entity or use a projection for lists");

	public static final Rule JPA_ENUM_ORDINAL = add("jpa-enum-ordinal", MAPPING, INFO,
			"An enum is stored by ordinal: reordering its constants silently changes the data",
			"Annotate it with @Enumerated(EnumType.STRING)");

	public static final Rule JPA_ELEMENT_COLLECTION_LIST = add("jpa-element-collection-list", MAPPING, WARN,
			"An @ElementCollection List without @OrderColumn is rewritten whole on every change",
			"Map it as a Set, add an @OrderColumn, or make the elements entities");

	// configuration

	public static final Rule CONFIG_OPEN_IN_VIEW = add("config-open-in-view", CONFIGURATION, WARN,
			"Open Session in View is on: lazy loads run while the view renders and hold a connection",
			"Set spring.jpa.open-in-view=false and fetch what the view needs in the service");

	public static final Rule CONFIG_BATCHING_OFF = add("config-batching-off", CONFIGURATION, WARN,
			"JDBC batching is off: every insert and update is its own round trip",
			"Set spring.jpa.properties.hibernate.jdbc.batch_size (for example 50)");

	public static final Rule CONFIG_ORDER_INSERTS_OFF = add("config-order-inserts-off", CONFIGURATION, INFO,
			"hibernate.order_inserts is off: inserts of different entities break batches",
			"Set spring.jpa.properties.hibernate.order_inserts=true (and order_updates)");

	public static final Rule CONFIG_BATCH_VERSIONED_DATA_OFF = add("config-batch-versioned-data-off", CONFIGURATION,
			INFO, "hibernate.jdbc.batch_versioned_data is off: updates of @Version entities are not batched",
			"Set spring.jpa.properties.hibernate.jdbc.batch_versioned_data=true");

	public static final Rule CONFIG_IN_CLAUSE_PADDING_OFF = add("config-in-clause-padding-off", CONFIGURATION, INFO,
			"IN-clause parameter padding is off: every list length is a new statement to plan and cache",
			"Set spring.jpa.properties.hibernate.query.in_clause_parameter_padding=true");

	public static final Rule CONFIG_SHOW_SQL_IN_PRODUCTION = add("config-show-sql-in-production", CONFIGURATION, WARN,
			"SQL is printed to standard out: slow, unfiltered and it bypasses logging",
			"Set spring.jpa.show-sql=false; use dbperf's slow log or the org.hibernate.SQL logger");

	public static final Rule CONFIG_STATISTICS_IN_PRODUCTION = add("config-statistics-in-production", CONFIGURATION,
			INFO, "Hibernate statistics are collected: a cost on every session",
			"Set spring.jpa.properties.hibernate.generate_statistics=false outside diagnosis");

	public static final Rule CONFIG_POOL_ABOVE_MAX_CONNECTIONS = add("config-pool-above-max-connections", CONFIGURATION,
			ERROR, "The pool may open more connections than the database accepts",
			"Lower spring.datasource.hikari.maximum-pool-size below the database's max_connections");

	public static final Rule CONFIG_MAX_LIFETIME_ABOVE_WAIT_TIMEOUT = add("config-max-lifetime-above-wait-timeout",
			CONFIGURATION, WARN, "The pool keeps connections longer than the database or network lets them idle",
			"Set spring.datasource.hikari.max-lifetime a few seconds below the database's idle timeout");

	public static final Rule CONFIG_DDL_AUTO_ON_REAL_DATABASE = add("config-ddl-auto-on-real-database", CONFIGURATION,
			ERROR, "Hibernate changes the schema of a real database at startup",
			"Set spring.jpa.hibernate.ddl-auto=validate or none and migrate with Flyway or Liquibase");

	public static final Rule CONFIG_SLOW_CONNECTION_TIMEOUT = add("config-slow-connection-timeout", CONFIGURATION, WARN,
			"Callers wait a long time for a connection before failing: requests pile up",
			"Lower spring.datasource.hikari.connection-timeout (for example 2s to 5s)");

	public static final Rule CONFIG_LEAK_DETECTION_OFF = add("config-leak-detection-off", CONFIGURATION, WARN,
			"Connection leak detection is off: a leaked connection is found only when the pool runs dry",
			"Set spring.datasource.hikari.leak-detection-threshold (for example 30s)");

	public static final Rule CONFIG_HIKARI_LEAK_DETECTION_OVERHEAD = add("config-hikari-leak-detection-overhead",
			CONFIGURATION, INFO,
			"HikariCP captures a stack trace on every checkout for leak detection while dbperf already tracks holders",
			"Set spring.datasource.hikari.leak-detection-threshold=0 and read long holders in the dbperf endpoint");

	public static final Rule CONFIG_POOL_NOT_FIXED_SIZE = add("config-pool-not-fixed-size", CONFIGURATION, INFO,
			"The pool is not fixed-size (minimum-idle below maximum-pool-size): bursts pay for opening connections",
			"Remove spring.datasource.hikari.minimum-idle so the pool keeps maximum-pool-size connections");

	// sql

	public static final Rule SQL_INLINED_LITERALS = add("sql-inlined-literals", SQL, WARN,
			"Values are written into the SQL text instead of bind parameters: plan-cache pollution and an injection risk",
			"Use bind parameters (? or :name) for values");

	public static final Rule SQL_LEADING_WILDCARD_LIKE = add("sql-leading-wildcard-like", SQL, WARN,
			"LIKE with a leading wildcard cannot use a b-tree index: every row is read",
			"Use a trigram index (PostgreSQL pg_trgm) or full-text search");

	public static final Rule SQL_LIMIT_WITHOUT_ORDER_BY = add("sql-limit-without-order-by", SQL, WARN,
			"LIMIT or OFFSET without ORDER BY: pages are in no defined order and may repeat or skip rows",
			"Add an ORDER BY on a unique key");

	public static final Rule SQL_DEEP_OFFSET = add("sql-deep-offset", SQL, WARN,
			"OFFSET pagination reads and throws away every skipped row",
			"Use keyset pagination: WHERE (sort_key, id) > (?, ?) ORDER BY sort_key, id LIMIT ?");

	public static final Rule SQL_SELECT_STAR = add("sql-select-star", SQL, INFO,
			"SELECT * reads every column, including ones the caller never uses",
			"Name the columns, or use a projection");

	public static final Rule SQL_LARGE_IN_LIST = add("sql-large-in-list", SQL, WARN,
			"A very long IN list: slow to parse and plan, and every length is a new statement",
			"Use = ANY(?) with an array, a temporary table or a join");

	public static final Rule SQL_NOT_IN_SUBQUERY = add("sql-not-in-subquery", SQL, WARN,
			"NOT IN (subquery) cannot become an anti-join and returns nothing when the subquery has a NULL",
			"Use NOT EXISTS");

	public static final Rule SQL_FUNCTION_ON_COLUMN = add("sql-function-on-column", SQL, WARN,
			"A function wraps a filtered column: an index on the column cannot be used",
			"Compare the bare column, or create an expression index on the function");

	public static final Rule SQL_ORDER_BY_RANDOM = add("sql-order-by-random", SQL, WARN,
			"ORDER BY random() sorts the whole table to return a few rows",
			"Pick random keys in the application, or use TABLESAMPLE");

	public static final Rule SQL_COUNT_FOR_EXISTENCE = add("sql-count-for-existence", SQL, INFO,
			"COUNT(*) used to test whether a row exists counts every match", "Use EXISTS (or a query with LIMIT 1)");

	// runtime

	public static final Rule RUNTIME_N_PLUS_ONE = add("runtime-n-plus-one", RUNTIME, ERROR,
			"The same select ran once per row of an earlier result (N+1)",
			"Fetch the association with the first query: JOIN FETCH, @EntityGraph or batch fetching");

	public static final Rule RUNTIME_DUPLICATE_QUERY = add("runtime-duplicate-query", RUNTIME, WARN,
			"The same statement with the same values ran several times in one unit of work",
			"Keep the first result, or cache it with @CachedQuery");

	public static final Rule RUNTIME_UNBATCHED_INSERTS = add("runtime-unbatched-inserts", RUNTIME, WARN,
			"The same insert ran many times in one unit of work without a JDBC batch",
			"Enable hibernate.jdbc.batch_size and use SEQUENCE ids, or use JdbcTemplate.batchUpdate");

	public static final Rule RUNTIME_CHATTY_UNIT = add("runtime-chatty-unit", RUNTIME, WARN,
			"One unit of work ran more statements than the threshold",
			"Fetch what the unit needs in fewer queries (joins, batch fetching, bulk statements)");

	public static final Rule RUNTIME_AUTOCOMMIT_WRITES = add("runtime-autocommit-writes", RUNTIME, WARN,
			"Several writes in one unit of work, each in its own auto-committed transaction",
			"Run the writes in one @Transactional method");

	public static final Rule RUNTIME_CONNECTION_WITHOUT_STATEMENT = add("runtime-connection-without-statement", RUNTIME,
			INFO, "A connection was borrowed and returned without running a statement",
			"Remove the unused @Transactional, or mark read paths that need no database accordingly");

	public static final Rule RUNTIME_QUERY_AFTER_RESPONSE = add("runtime-query-after-response", RUNTIME, WARN,
			"Lazy loads ran while the view rendered (Open Session in View)",
			"Fetch what the view needs in the service and set spring.jpa.open-in-view=false");

	public static final Rule RUNTIME_IN_MEMORY_PAGINATION = add("runtime-in-memory-pagination", RUNTIME, ERROR,
			"A page was cut in memory after fetching a collection join (Hibernate HHH90003004)",
			"Page over ids first, then fetch the collections for those ids");

	public static final Rule RUNTIME_LARGE_RESULT = add("runtime-large-result", RUNTIME, WARN,
			"A select returned more rows than the threshold", "Page the result or select only what is shown");

	// schema

	public static final Rule SCHEMA_FOREIGN_KEY_WITHOUT_INDEX = add("schema-foreign-key-without-index", SCHEMA, WARN,
			"A foreign key has no index on its referencing columns: joins and parent deletes scan the child table",
			"Create an index on the referencing columns");

	public static final Rule SCHEMA_UNUSED_INDEX = add("schema-unused-index", SCHEMA, INFO,
			"An index on a written table has never been used: every write maintains it for nothing",
			"Drop the index after checking replicas and rare jobs");

	public static final Rule SCHEMA_DUPLICATE_INDEX = add("schema-duplicate-index", SCHEMA, WARN,
			"An index duplicates another or is a prefix of it", "Drop the redundant index");

	public static final Rule SCHEMA_TABLE_WITHOUT_PRIMARY_KEY = add("schema-table-without-primary-key", SCHEMA, WARN,
			"A table has no primary key: replication, updates by row and ORMs suffer", "Add a primary key");

	// plan

	public static final Rule PLAN_MISSING_INDEX = add("plan-missing-index", PLAN, WARN,
			"A sequential scan filters a large table: an index on the filtered columns would avoid it",
			"Create the suggested index concurrently");

	public static final Rule PLAN_EXPRESSION_INDEX = add("plan-expression-index", PLAN, WARN,
			"A large table is filtered on a function of a column: only an expression index can serve it",
			"Create the suggested expression index concurrently");

	public static final Rule PLAN_TRIGRAM_INDEX = add("plan-trigram-index", PLAN, WARN,
			"A leading-wildcard LIKE scans a large table: only a trigram index or full-text search can serve it",
			"Create the suggested trigram index, or move the search to full-text search");

	private Rules() {
	}

	private static Rule add(String id, RuleCategory category, Severity severity, String title, String fix) {
		Rule rule = new Rule(id, category, severity, title, fix);
		ALL.put(id, rule);
		return rule;
	}

	/**
	 * Return every rule, in catalogue order.
	 * @return the rules
	 */
	public static Collection<Rule> all() {
		return Collections.unmodifiableCollection(ALL.values());
	}

	/**
	 * Find a rule by id.
	 * @param id the rule's id
	 * @return the rule, or {@code null} for an unknown id
	 */
	public static @Nullable Rule find(String id) {
		return ALL.get(id);
	}

}
