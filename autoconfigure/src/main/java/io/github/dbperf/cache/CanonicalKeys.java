package io.github.dbperf.cache;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Encodes key values as canonical JSON with their types, for remote tiers: the same
 * values give the same text on every instance and after restarts, and values of different
 * types never share a text.
 *
 * @author dbperf
 * @since 0.1.0
 */
final class CanonicalKeys {

	private static final JsonMapper mapper = JsonMapper.builder()
		.enable(tools.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.enable(tools.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
		.build();

	private CanonicalKeys() {
	}

	static String encode(String cache, String version, Object[] values) {
		ArrayNode encoded = mapper.createArrayNode();
		for (Object value : values) {
			ObjectNode typed = encoded.addObject();
			typed.put("t", (value != null) ? value.getClass().getName() : "null");
			typed.set("v", mapper.valueToTree(value));
		}
		return cache + ":" + version + ":" + mapper.writeValueAsString(encoded);
	}

}
