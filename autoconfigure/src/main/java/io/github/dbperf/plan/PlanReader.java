package io.github.dbperf.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads the nodes worth reading out of a database's own JSON plan: PostgreSQL's
 * {@code EXPLAIN (FORMAT JSON)} and MySQL's or MariaDB's {@code EXPLAIN FORMAT=JSON}.
 *
 * @author dbperf
 * @since 0.2.0
 */
final class PlanReader {

	private static final Set<String> JOINS = Set.of("Nested Loop", "Hash Join", "Merge Join");

	private static final Set<String> SORTS = Set.of("Sort", "Incremental Sort");

	private PlanReader() {
	}

	/**
	 * Read a PostgreSQL plan.
	 * @param root the JSON plan (an array of one object with a {@code Plan})
	 * @param tableRows the catalog's row estimate of a table, or {@code null}
	 * @return what was read
	 */
	static Read postgres(JsonNode root, Function<String, @Nullable Long> tableRows) {
		JsonNode plan = root.path(0).path("Plan");
		List<PlanSummary.Node> nodes = new ArrayList<>();
		List<Scan> scans = new ArrayList<>();
		List<String> limitSort = new ArrayList<>();
		walkPostgres(plan, false, nodes, scans, limitSort, tableRows);
		Double cost = plan.has("Total Cost") ? plan.get("Total Cost").asDouble() : null;
		Long rows = plan.has("Plan Rows") ? plan.get("Plan Rows").asLong() : null;
		return new Read(new PlanSummary(cost, rows, nodes), scans, limitSort);
	}

	private static void walkPostgres(JsonNode node, boolean underLimit, List<PlanSummary.Node> nodes, List<Scan> scans,
			List<String> limitSort, Function<String, @Nullable Long> tableRows) {
		String type = text(node, "Node Type");
		if (type == null) {
			return;
		}
		Long estimated = node.has("Plan Rows") ? node.get("Plan Rows").asLong() : null;
		String table = text(node, "Relation Name");
		if (table != null) {
			String condition = first(text(node, "Filter"), text(node, "Index Cond"), text(node, "Recheck Cond"));
			Long rows = tableRows.apply(table);
			nodes.add(new PlanSummary.Node(type, table, text(node, "Index Name"), condition, null, estimated, rows));
			scans.add(new Scan(type, table, text(node, "Alias"), text(node, "Filter"),
					Math.max((rows != null) ? rows : 0, (estimated != null) ? estimated : 0)));
		}
		else if (SORTS.contains(type)) {
			List<String> keys = new ArrayList<>();
			node.path("Sort Key").forEach((key) -> keys.add(key.asString()));
			if (underLimit && limitSort.isEmpty()) {
				limitSort.addAll(keys);
			}
			nodes.add(new PlanSummary.Node(type, null, null, null, String.join(", ", keys), estimated, null));
		}
		else if (JOINS.contains(type)) {
			String condition = first(text(node, "Hash Cond"), text(node, "Merge Cond"), text(node, "Join Filter"));
			nodes.add(new PlanSummary.Node(type, null, null, condition, null, estimated, null));
		}
		boolean limit = underLimit || "Limit".equals(type);
		for (JsonNode child : node.path("Plans")) {
			walkPostgres(child, limit, nodes, scans, limitSort, tableRows);
		}
	}

	/**
	 * Read a MySQL or MariaDB plan.
	 * @param root the JSON plan (an object with a {@code query_block})
	 * @return what was read
	 */
	static Read mysql(JsonNode root) {
		List<PlanSummary.Node> nodes = new ArrayList<>();
		List<Scan> scans = new ArrayList<>();
		walkMysql(root, nodes, scans);
		JsonNode block = root.path("query_block");
		Double cost = null;
		JsonNode costNode = block.path("cost_info").path("query_cost");
		if (!costNode.isMissingNode()) {
			cost = parse(costNode.asString());
		}
		else if (block.has("cost")) {
			cost = block.get("cost").asDouble();
		}
		return new Read(new PlanSummary(cost, null, nodes), scans, List.of());
	}

	private static void walkMysql(JsonNode node, List<PlanSummary.Node> nodes, List<Scan> scans) {
		if (node.isArray()) {
			node.forEach((child) -> walkMysql(child, nodes, scans));
			return;
		}
		if (!node.isObject()) {
			return;
		}
		String table = text(node, "table_name");
		String access = text(node, "access_type");
		if (table != null && access != null) {
			Long rows = node.has("rows_examined_per_scan") ? node.get("rows_examined_per_scan").asLong()
					: (node.has("rows") ? node.get("rows").asLong() : null);
			String condition = text(node, "attached_condition");
			nodes.add(new PlanSummary.Node(access, table, text(node, "key"), condition, null, rows, null));
			scans.add(new Scan(access, table, null, condition, (rows != null) ? rows : 0));
		}
		if (node.has("nested_loop")) {
			nodes.add(new PlanSummary.Node("Nested Loop", null, null, null, null, null, null));
		}
		if (node.has("filesort") || node.path("using_filesort").asBoolean(false)) {
			nodes.add(new PlanSummary.Node("Sort", null, null, null, null, null, null));
		}
		for (var property : node.properties()) {
			walkMysql(property.getValue(), nodes, scans);
		}
	}

	private static @Nullable Double parse(String text) {
		try {
			return Double.valueOf(text);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.asString() : null;
	}

	private static @Nullable String first(@Nullable String... values) {
		for (String value : values) {
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	/**
	 * A table scan to advise on.
	 *
	 * @param type the node or access type
	 * @param table the table
	 * @param alias the alias in the query, if known
	 * @param filter the condition applied to every row read, if any
	 * @param rows the rows scanned by the estimates
	 */
	record Scan(String type, String table, @Nullable String alias, @Nullable String filter, long rows) {

		boolean isFullScan() {
			return "Seq Scan".equals(this.type) || "ALL".equals(this.type);
		}

	}

	/**
	 * What was read from a plan.
	 *
	 * @param summary the summary
	 * @param scans the table scans
	 * @param limitSortKeys the sort keys of a sort under a limit, empty without
	 */
	record Read(PlanSummary summary, List<Scan> scans, List<String> limitSortKeys) {

	}

}
