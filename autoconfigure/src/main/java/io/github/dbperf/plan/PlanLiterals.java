package io.github.dbperf.plan;

import java.util.Map;
import java.util.Set;

import io.github.dbperf.sql.SqlDialect;
import io.github.dbperf.sql.SqlFingerprinter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Folds the literal values out of a MySQL or MariaDB plan, which prints conditions with
 * the values they were planned with: every text in the plan passes through the
 * fingerprint normalizer (literals become {@code ?}), except the names and costs the
 * database writes itself.
 *
 * @author dbperf
 * @since 0.2.0
 */
final class PlanLiterals {

	private static final Set<String> NAMES = Set.of("table_name", "access_type", "key", "select_type", "key_length",
			"message", "index_condition_bnl", "join_type", "partitions");

	private static final Set<String> NUMBERS = Set.of("query_cost", "read_cost", "eval_cost", "prefix_cost",
			"data_read_per_join", "filtered", "sort_cost", "cost");

	private PlanLiterals() {
	}

	/**
	 * Fold the literals in a plan, in place.
	 * @param node the plan
	 * @return the same node
	 */
	static JsonNode fold(JsonNode node) {
		if (node instanceof ObjectNode object) {
			for (Map.Entry<String, JsonNode> property : object.properties()) {
				JsonNode value = property.getValue();
				if (value.isString()) {
					if (!keep(property.getKey(), value.asString())) {
						object.put(property.getKey(), fold(value.asString()));
					}
				}
				else {
					fold(value);
				}
			}
		}
		else if (node instanceof ArrayNode array) {
			for (int i = 0; i < array.size(); i++) {
				JsonNode value = array.get(i);
				if (value.isString()) {
					array.set(i, array.stringNode(fold(value.asString())));
				}
				else {
					fold(value);
				}
			}
		}
		return node;
	}

	private static boolean keep(String key, String value) {
		return NAMES.contains(key) || (NUMBERS.contains(key) && value.matches("-?[0-9.eE+]+"));
	}

	static String fold(String text) {
		return SqlFingerprinter.compute(text, SqlDialect.MYSQL).sql();
	}

}
