package io.github.dbperf.cache;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Encodes key values as canonical text with their types, for remote tiers: the same
 * values give the same text on every instance and after restarts, and values that are not
 * {@code equals} never share a text. Each value is written as its type, the length of its
 * body and the body, so no value can forge the boundary of the next. Only exact values
 * are written (see {@link KeyTypes}): JDK value types as their specified text form, enums
 * by name, records component by component (their fields, which their {@code equals}
 * compares), lists and arrays in order, sets and maps sorted by the text of their
 * elements. Anything else, a cycle, or a structure deeper than {@value #MAX_DEPTH} or
 * larger than {@value #MAX_NODES} values is refused with a {@link NotExactException}.
 *
 * @author dbperf
 * @since 0.1.0
 */
final class CanonicalKeys {

	static final int MAX_DEPTH = 32;

	static final int MAX_NODES = 10_000;

	private CanonicalKeys() {
	}

	/**
	 * Encode key values.
	 * @param cache the cache name
	 * @param version the payload version
	 * @param values the key values
	 * @return the text
	 * @throws NotExactException when a value is not exact
	 */
	static String encode(String cache, String version, @Nullable Object[] values) {
		StringBuilder text = new StringBuilder(64).append(cache).append(':').append(version).append(':');
		Walk walk = new Walk();
		for (Object value : values) {
			write(text, value, true, walk);
		}
		return text.toString();
	}

	private static void write(StringBuilder text, @Nullable Object value, boolean arrays, Walk walk) {
		if (value == null) {
			text.append("null;");
			return;
		}
		String scalar = scalar(value);
		String type;
		String body;
		if (scalar != null) {
			type = (value instanceof Enum<?> constant) ? constant.getDeclaringClass().getName()
					: value.getClass().getName();
			body = scalar;
		}
		else {
			walk.enter(value);
			type = composite(value, arrays);
			body = body(value, walk);
			walk.exit(value);
		}
		text.append(type).append('=').append(body.length()).append(':').append(body).append(';');
	}

	private static String composite(Object value, boolean arrays) {
		Class<?> type = value.getClass();
		if (type.isRecord()) {
			return type.getName();
		}
		if (type.isArray()) {
			if (!arrays) {
				throw new NotExactException("an array inside a record, collection or map is compared by identity");
			}
			return type.getName();
		}
		if (KeyTypes.isJdk(type)) {
			if (value instanceof List<?>) {
				return "java.util.List";
			}
			if (value instanceof Set<?>) {
				return "java.util.Set";
			}
			if (value instanceof Map<?, ?>) {
				return "java.util.Map";
			}
			if (value instanceof Optional<?>) {
				return "java.util.Optional";
			}
		}
		throw new NotExactException(type.getName() + " is not an exact key type");
	}

	private static String body(Object value, Walk walk) {
		StringBuilder body = new StringBuilder();
		if (value instanceof Record) {
			try {
				for (Field field : RecordFields.of(value.getClass())) {
					write(body, field.get(value), false, walk);
				}
			}
			catch (IllegalAccessException | IllegalStateException | SecurityException ex) {
				throw new NotExactException("the record " + value.getClass().getName() + " hides its fields");
			}
		}
		else if (value.getClass().isArray()) {
			for (int i = 0, length = Array.getLength(value); i < length; i++) {
				write(body, Array.get(value, i), true, walk);
			}
		}
		else if (value instanceof List<?> list) {
			for (Object element : list) {
				write(body, element, false, walk);
			}
		}
		else if (value instanceof Set<?> set) {
			List<String> elements = new ArrayList<>(set.size());
			for (Object element : set) {
				elements.add(written(element, walk));
			}
			sorted(body, elements);
		}
		else if (value instanceof Map<?, ?> map) {
			List<String> entries = new ArrayList<>(map.size());
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				entries.add(written(entry.getKey(), walk) + written(entry.getValue(), walk));
			}
			sorted(body, entries);
		}
		else if (value instanceof Optional<?> optional && optional.isPresent()) {
			write(body, optional.get(), false, walk);
		}
		return body.toString();
	}

	private static String written(@Nullable Object value, Walk walk) {
		StringBuilder text = new StringBuilder();
		write(text, value, false, walk);
		return text.toString();
	}

	private static void sorted(StringBuilder body, List<String> parts) {
		Collections.sort(parts);
		parts.forEach(body::append);
	}

	private static @Nullable String scalar(Object value) {
		if (value instanceof Enum<?> constant) {
			return constant.name();
		}
		if (KeyTypes.isValue(value.getClass())) {
			return value.toString();
		}
		return null;
	}

	/**
	 * The values being written: the composites on the current path, to refuse cycles, and
	 * how many were walked, to refuse huge structures.
	 */
	private static final class Walk {

		private final Set<Object> path = Collections.newSetFromMap(new IdentityHashMap<>());

		private int nodes;

		void enter(Object value) {
			if (++this.nodes > MAX_NODES || this.path.size() >= MAX_DEPTH) {
				throw new NotExactException(
						"the value is deeper than " + MAX_DEPTH + " or larger than " + MAX_NODES + " values");
			}
			if (!this.path.add(value)) {
				throw new NotExactException("the value refers to itself");
			}
		}

		void exit(Object value) {
			this.path.remove(value);
		}

	}

	/**
	 * Thrown when a key value is not exact; its message names types, never values.
	 */
	static final class NotExactException extends RuntimeException {

		NotExactException(String message) {
			super(message, null, false, false);
		}

	}

}
