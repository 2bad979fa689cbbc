package io.github.dbperf.cache;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encodes key values as canonical text with their types, for remote tiers: the same
 * values give the same text on every instance and after restarts, and values of different
 * types never share a text. Each value is written as its class name, the length of its
 * body and the body, so no value can forge the boundary of the next. JDK scalars use
 * their specified text form; everything else is JSON with sorted properties and map keys,
 * never {@code toString()}.
 *
 * @author dbperf
 * @since 0.1.0
 */
final class CanonicalKeys {

	private static final JsonMapper mapper = JsonMapper.builder()
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
		.build();

	private CanonicalKeys() {
	}

	static String encode(String cache, String version, @Nullable Object[] values) {
		StringBuilder text = new StringBuilder(64).append(cache).append(':').append(version).append(':');
		for (Object value : values) {
			if (value == null) {
				text.append("null;");
				continue;
			}
			String body = scalar(value);
			if (body == null) {
				body = mapper.writeValueAsString(value);
			}
			text.append(value.getClass().getName())
				.append('=')
				.append(body.length())
				.append(':')
				.append(body)
				.append(';');
		}
		return text.toString();
	}

	private static @Nullable String scalar(Object value) {
		if (value instanceof String string) {
			return string;
		}
		if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
				|| value instanceof Boolean || value instanceof Character || value instanceof Double
				|| value instanceof Float || value instanceof BigInteger || value instanceof BigDecimal
				|| value instanceof UUID) {
			return value.toString();
		}
		if (value instanceof Enum<?> constant) {
			return constant.name();
		}
		return null;
	}

}
