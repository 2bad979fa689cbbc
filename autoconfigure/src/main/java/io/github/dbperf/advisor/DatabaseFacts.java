package io.github.dbperf.advisor;

import org.jspecify.annotations.Nullable;

/**
 * What the advisor asked the database once: its product and the server limits that pool
 * settings must respect.
 *
 * @param product the database product name
 * @param maxConnections the server's connection limit, if known
 * @param reservedConnections connections reserved for superusers, if known
 * @param idleTimeoutSeconds after how many idle seconds the server closes a connection
 * (MySQL {@code wait_timeout}, PostgreSQL {@code idle_session_timeout}), 0 for never
 * @param error why the facts could not be read, or {@code null}
 * @author dbperf
 * @since 0.1.0
 */
public record DatabaseFacts(String product, @Nullable Integer maxConnections, @Nullable Integer reservedConnections,
		@Nullable Long idleTimeoutSeconds, @Nullable String error) {

	/**
	 * Facts for a database that could not be asked.
	 * @param error why
	 * @return the facts
	 */
	static DatabaseFacts unknown(String error) {
		return new DatabaseFacts("unknown", null, null, null, error);
	}

}
