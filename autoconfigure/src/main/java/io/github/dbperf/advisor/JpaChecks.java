package io.github.dbperf.advisor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.dbperf.jpa.HibernateSettings;
import io.github.dbperf.rules.Finding;
import io.github.dbperf.rules.Rules;
import io.github.dbperf.rules.Severity;
import io.github.dbperf.rules.Where;

/**
 * The {@link io.github.dbperf.rules.RuleCategory#CONFIGURATION configuration} rules about
 * JPA: Open Session in View, JDBC batching, IN-clause padding, SQL output, statistics and
 * schema management; plus the mapping rules' findings.
 *
 * @author dbperf
 * @since 0.1.0
 */
final class JpaChecks {

	private static final Set<String> EMBEDDED_PRODUCTS = Set.of("h2", "hsql database engine", "apache derby");

	private static final Set<String> SCHEMA_CHANGING_ACTIONS = Set.of("create", "create-drop", "update", "create-only",
			"drop");

	private static final String PROPERTIES = "spring.jpa.properties.";

	private JpaChecks() {
	}

	/**
	 * Check the JPA setup.
	 * @param jpa the JPA facts
	 * @param database what the database said about itself
	 * @return the findings
	 */
	static List<Finding> check(JpaFacts jpa, DatabaseFacts database) {
		List<Finding> findings = new ArrayList<>();
		if (jpa.openInView()) {
			findings.add(Rules.CONFIG_OPEN_IN_VIEW.finding(
					"Open Session in View is on: each web request holds a connection until the response is written,"
							+ " and lazy loading from controllers and views hides N+1 queries.",
					"Set spring.jpa.open-in-view=false and fetch what a view needs in the service layer (JOIN FETCH or @EntityGraph).",
					Where.setting("spring.jpa.open-in-view")));
		}
		checkBatching(jpa, findings);
		if (!HibernateSettings.flag(jpa.hibernateProperties(), "hibernate.query.in_clause_parameter_padding", false)) {
			findings.add(Rules.CONFIG_IN_CLAUSE_PADDING_OFF.finding(
					"IN-clause parameter padding is off: a query with IN (:ids) is a different statement for every list"
							+ " length, each parsed, planned and cached on its own.",
					"Set spring.jpa.properties.hibernate.query.in_clause_parameter_padding=true (lengths round up to"
							+ " powers of two), or drop the setting and let dbperf's tuning set it.",
					Where.setting(PROPERTIES + "hibernate.query.in_clause_parameter_padding")));
		}
		if (jpa.production() && HibernateSettings.flag(jpa.hibernateProperties(), "hibernate.show_sql", false)) {
			findings.add(Rules.CONFIG_SHOW_SQL_IN_PRODUCTION.finding(
					"Hibernate prints every statement to standard out (show-sql) with no dev, local or test profile"
							+ " active: a synchronized write per statement that bypasses log levels and appenders.",
					"Set spring.jpa.show-sql=false; use dbperf's slow-query log, or the org.hibernate.SQL logger at DEBUG"
							+ " in a dev profile.",
					Where.setting("spring.jpa.show-sql")));
		}
		if (jpa.production()
				&& HibernateSettings.flag(jpa.hibernateProperties(), "hibernate.generate_statistics", false)) {
			findings.add(Rules.CONFIG_STATISTICS_IN_PRODUCTION.finding(
					"Hibernate collects statistics with no dev, local or test profile active: every session updates"
							+ " shared counters and logs a metrics line when it closes.",
					"Set spring.jpa.properties.hibernate.generate_statistics=false outside diagnosis; dbperf's"
							+ " endpoints and metrics cover statements without it.",
					Where.setting(PROPERTIES + "hibernate.generate_statistics")));
		}
		checkSchemaManagement(jpa, database, findings);
		findings.addAll(jpa.mappings());
		return findings;
	}

	private static void checkBatching(JpaFacts jpa, List<Finding> findings) {
		int batchSize = HibernateSettings.batchSize(jpa.hibernateProperties());
		if (batchSize <= 1) {
			findings.add(Rules.CONFIG_BATCHING_OFF.finding(
					"Hibernate JDBC batching is off: every inserted or updated entity costs a round trip.",
					"Set spring.jpa.properties.hibernate.jdbc.batch_size to 20-50 with hibernate.order_inserts=true and"
							+ " hibernate.order_updates=true.",
					Where.setting(PROPERTIES + "hibernate.jdbc.batch_size")));
			return;
		}
		if (!HibernateSettings.flag(jpa.hibernateProperties(), "hibernate.order_inserts", false)) {
			findings.add(Rules.CONFIG_ORDER_INSERTS_OFF.finding("Batching is on (batch_size " + batchSize
					+ ") but hibernate.order_inserts is off: saving a parent and its children alternates entity types,"
					+ " and each switch ends the batch.",
					"Set spring.jpa.properties.hibernate.order_inserts=true and hibernate.order_updates=true.",
					Where.setting(PROPERTIES + "hibernate.order_inserts")));
		}
		// Hibernate 6 defaults it to true: only an explicit false turns it off
		if (!HibernateSettings.flag(jpa.hibernateProperties(), "hibernate.jdbc.batch_versioned_data", true)
				&& !jpa.versionedEntities().isEmpty()) {
			findings.add(Rules.CONFIG_BATCH_VERSIONED_DATA_OFF.finding(
					"hibernate.jdbc.batch_versioned_data is false: updates and deletes of the @Version entities "
							+ jpa.versionedEntities() + " are sent one by one despite batch_size " + batchSize + ".",
					"Remove spring.jpa.properties.hibernate.jdbc.batch_versioned_data (Hibernate 6 defaults it to true);"
							+ " every current JDBC driver reports batch row counts.",
					Where.setting(PROPERTIES + "hibernate.jdbc.batch_versioned_data")));
		}
	}

	private static void checkSchemaManagement(JpaFacts jpa, DatabaseFacts database, List<Finding> findings) {
		String action = HibernateSettings.text(jpa.hibernateProperties(), "hibernate.hbm2ddl.auto");
		if (action == null || isEmbedded(database) || !SCHEMA_CHANGING_ACTIONS.contains(action)) {
			return;
		}
		Finding finding = Rules.CONFIG_DDL_AUTO_ON_REAL_DATABASE.finding(
				"Hibernate manages the schema of " + database.product() + " (ddl-auto=" + action + ")"
						+ (action.equals("update") ? ": changes are unreviewed and indexes are never tuned."
								: ": data is dropped at startup or shutdown."),
				"Set spring.jpa.hibernate.ddl-auto to validate or none and manage the schema with Flyway or Liquibase.",
				Where.setting("spring.jpa.hibernate.ddl-auto"));
		findings.add(action.equals("update") ? finding.withSeverity(Severity.WARN) : finding);
	}

	private static boolean isEmbedded(DatabaseFacts database) {
		return EMBEDDED_PRODUCTS.contains(database.product().toLowerCase(Locale.ROOT));
	}

}
