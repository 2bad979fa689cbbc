package io.github.dbperf.plan;

import java.util.List;

import io.github.dbperf.sql.Operation;
import org.jspecify.annotations.Nullable;

/**
 * One fingerprint to plan. The raw SQL and values live only as long as the capture: they
 * are never stored, shown or logged.
 *
 * @param id the fingerprint id
 * @param dataSource the DataSource bean name
 * @param sql the normalized SQL (literals folded to {@code ?})
 * @param operation the statement's operation
 * @param rawSql the SQL as the application sent it, to see literal wildcards and to plan
 * on MySQL/MariaDB; {@code null} when planning from the normalized SQL alone
 * @param values the bound values of the slowest execution, for MySQL/MariaDB only
 */
record PlanRequest(String id, String dataSource, String sql, Operation operation, @Nullable String rawSql,
		@Nullable List<Object> values) {

	@Override
	public String toString() {
		return "PlanRequest[id=" + this.id + ", dataSource=" + this.dataSource + ", sql=" + this.sql + "]";
	}

}
