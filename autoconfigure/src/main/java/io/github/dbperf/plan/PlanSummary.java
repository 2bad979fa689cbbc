package io.github.dbperf.plan;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * What is worth reading in a plan: its total estimated cost and rows, and the scans,
 * sorts and joins.
 *
 * @param totalCost the planner's total estimated cost, {@code null} when the database
 * gives none
 * @param rows the estimated rows returned, {@code null} when unknown
 * @param nodes the scans (with table, condition and estimated rows), sorts and joins
 * @author dbperf
 * @since 0.2.0
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PlanSummary(@Nullable Double totalCost, @Nullable Long rows, List<Node> nodes) {

	/**
	 * One plan node.
	 *
	 * @param type the node type, such as {@code Seq Scan}, {@code Sort},
	 * {@code Nested Loop}, or MySQL's access type such as {@code ALL}
	 * @param table the table scanned
	 * @param index the index used
	 * @param condition the filter or join condition, with no literal values
	 * @param sortKey the sort key of a sort
	 * @param estimatedRows the rows the planner expects the node to return (for a
	 * MySQL/MariaDB table, to examine)
	 * @param tableRows the rows in the scanned table by the catalog's statistics
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Node(String type, @Nullable String table, @Nullable String index, @Nullable String condition,
			@Nullable String sortKey, @Nullable Long estimatedRows, @Nullable Long tableRows) {

		boolean isFullScan() {
			return "Seq Scan".equals(this.type) || "ALL".equals(this.type);
		}

		long scannedRows() {
			long table = (this.tableRows != null) ? this.tableRows : 0;
			long estimated = (this.estimatedRows != null) ? this.estimatedRows : 0;
			return Math.max(table, estimated);
		}

	}

}
