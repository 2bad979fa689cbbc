package io.github.dbperf.advisor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks the JPA setup: Open Session in View, JDBC batching, schema management and eager
 * collections.
 *
 * @author dbperf
 * @since 0.1.0
 */
final class JpaChecks {

	private static final Set<String> EMBEDDED_PRODUCTS = Set.of("h2", "hsql database engine", "apache derby");

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
			findings.add(new Finding(Severity.WARN,
					"Open Session in View is on: each web request holds a connection until the response is written,"
							+ " and lazy loading from controllers and views hides N+1 queries.",
					"spring.jpa.open-in-view",
					"Set spring.jpa.open-in-view=false and fetch what a view needs in the service layer (JOIN FETCH or @EntityGraph)."));
		}
		Object batchSize = jpa.hibernateProperties().get("hibernate.jdbc.batch_size");
		if (batchSize == null || parseInt(batchSize) <= 1) {
			findings.add(new Finding(Severity.WARN,
					"Hibernate JDBC batching is off: every inserted or updated entity costs a round trip.",
					"spring.jpa.properties.hibernate.jdbc.batch_size",
					"Set it to 20-50 with hibernate.order_inserts=true and hibernate.order_updates=true."));
		}
		Object ddlAuto = jpa.hibernateProperties().get("hibernate.hbm2ddl.auto");
		String action = (ddlAuto != null) ? ddlAuto.toString().toLowerCase(Locale.ROOT) : "none";
		if (!isEmbedded(database) && (action.equals("create") || action.equals("create-drop") || action.equals("update")
				|| action.equals("create-only") || action.equals("drop"))) {
			findings.add(new Finding(action.equals("update") ? Severity.WARN : Severity.ERROR,
					"Hibernate manages the schema of " + database.product() + " (ddl-auto=" + action + ")"
							+ (action.equals("update") ? ": changes are unreviewed and indexes are never tuned."
									: ": data is dropped at startup or shutdown."),
					"spring.jpa.hibernate.ddl-auto",
					"Set it to validate or none and manage the schema with Flyway or Liquibase."));
		}
		for (String association : jpa.eagerToMany()) {
			findings.add(new Finding(Severity.WARN, "To-many association " + association
					+ " is mapped FetchType.EAGER: every load of its owner loads the whole collection, often with one query per owner.",
					association, "Map it LAZY and fetch it where needed with JOIN FETCH or @EntityGraph."));
		}
		return findings;
	}

	private static boolean isEmbedded(DatabaseFacts database) {
		return EMBEDDED_PRODUCTS.contains(database.product().toLowerCase(Locale.ROOT));
	}

	private static int parseInt(Object value) {
		try {
			return Integer.parseInt(value.toString().trim());
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
