package io.github.dbperf.cache;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.TypeFactory;

import org.springframework.core.ResolvableType;
import org.springframework.util.ReflectionUtils;

/**
 * Deep-copies cached results, so that no caller sees what another did to its result, on
 * every tier alike. Built once per method from its declared return type: immutable values
 * (JDK value types, enums, records of them) are shared as they are; lists, sets, maps,
 * arrays, {@link Optional}s and records holding mutable parts are copied part by part,
 * and any other class is copied through JSON with its declared type, as the Redis tier
 * stores it. A JDK immutable collection ({@code List.of}, {@code Stream.toList()}) of
 * immutable values is shared too.
 *
 * @author dbperf
 * @since 0.1.0
 */
final class ResultCopier {

	private static final JsonMapper mapper = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
		.build();

	/**
	 * How deep a result may nest: records, collections, maps, arrays and optionals each
	 * count a level. A value that refers to itself is deeper than any limit, so it is
	 * refused too.
	 */
	static final int MAX_DEPTH = 128;

	private static final Copy SAME = (value, depth) -> value;

	private static final ClassValue<Copy> byRuntimeClass = new ClassValue<>() {

		@Override
		protected Copy computeValue(Class<?> type) {
			// The declared type was Object or an abstract JDK type: any list, set or map
			// satisfies it
			if (List.class.isAssignableFrom(type)) {
				return listCopy(RUNTIME);
			}
			if (Set.class.isAssignableFrom(type)) {
				return setCopy(RUNTIME, true);
			}
			if (Map.class.isAssignableFrom(type)) {
				return mapCopy(Map.class, RUNTIME, RUNTIME);
			}
			return build(ResolvableType.forClass(type));
		}

	};

	private static final Copy RUNTIME = (value, depth) -> byRuntimeClass.get(value.getClass()).copy(value, depth);

	private final Copy copy;

	private ResultCopier(Copy copy) {
		this.copy = copy;
	}

	/**
	 * Create a copier for a declared type.
	 * @param type the declared type, such as a method's return type
	 * @return the copier
	 */
	static ResultCopier of(ResolvableType type) {
		return new ResultCopier(build(type));
	}

	/**
	 * Return whether values are shared as they are, being immutable.
	 * @return whether copies are the values themselves
	 */
	boolean shares() {
		return this.copy == SAME;
	}

	/**
	 * Copy a value.
	 * @param value the value
	 * @return a copy that shares nothing mutable with the value
	 * @throws RuntimeException when the value cannot be copied, such as a
	 * {@link NotCopyableException} for a value deeper than {@value #MAX_DEPTH} or one
	 * that refers to itself
	 */
	@Nullable Object copy(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		try {
			return this.copy.copy(value, 0);
		}
		catch (StackOverflowError ex) {
			// A thread stack smaller than the depth limit needs, or a getter, equals or
			// hashCode of the value that recurses: the caller gets no Error from a copy
			throw new NotCopyableException("the value is too deep to copy");
		}
	}

	private static int deeper(int depth) {
		if (depth >= MAX_DEPTH) {
			throw new NotCopyableException("the value is deeper than " + MAX_DEPTH + " or refers to itself");
		}
		return depth + 1;
	}

	private static Copy build(ResolvableType type) {
		Class<?> raw = type.resolve(Object.class);
		if (isImmutable(raw, new HashSet<>())) {
			return SAME;
		}
		if (raw.isArray()) {
			return arrayCopy(raw.getComponentType(), build(type.getComponentType()));
		}
		if (raw.isRecord()) {
			return new RecordCopy(raw);
		}
		if (raw == Optional.class) {
			Copy element = build(type.getGeneric(0));
			return (value, depth) -> {
				int inner = deeper(depth);
				return ((Optional<?>) value).map((present) -> element.copy(present, inner));
			};
		}
		if (Collection.class.isAssignableFrom(raw) || raw == Iterable.class) {
			Copy collection = collectionCopy(raw, build(type.as(Iterable.class).getGeneric(0)));
			if (collection != null) {
				return collection;
			}
		}
		if (Map.class.isAssignableFrom(raw)) {
			ResolvableType map = type.asMap();
			Copy mapCopy = mapCopy(raw, build(map.getGeneric(0)), build(map.getGeneric(1)));
			if (mapCopy != null) {
				return mapCopy;
			}
		}
		boolean open = raw == Object.class
				|| ((raw.isInterface() || Modifier.isAbstract(raw.getModifiers())) && raw.getName().startsWith("java.")
						&& !Collection.class.isAssignableFrom(raw) && !Map.class.isAssignableFrom(raw));
		return open ? RUNTIME : json(type);
	}

	private static boolean isImmutable(Class<?> type, Set<Class<?>> visiting) {
		if (KeyTypes.isValue(type)) {
			return true;
		}
		if (!type.isRecord()) {
			return false;
		}
		if (!visiting.add(type)) {
			return true;
		}
		for (RecordComponent component : type.getRecordComponents()) {
			if (!isImmutable(component.getType(), visiting)) {
				return false;
			}
		}
		return true;
	}

	private static Copy arrayCopy(Class<?> componentType, Copy element) {
		if (componentType.isPrimitive()) {
			return (value, depth) -> {
				int length = Array.getLength(value);
				Object copy = Array.newInstance(componentType, length);
				System.arraycopy(value, 0, copy, 0, length);
				return copy;
			};
		}
		return (value, depth) -> {
			int inner = deeper(depth);
			Object[] array = (Object[]) value;
			Object[] copy = (Object[]) Array.newInstance(array.getClass().getComponentType(), array.length);
			for (int i = 0; i < array.length; i++) {
				copy[i] = (array[i] != null) ? element.copy(array[i], inner) : null;
			}
			return copy;
		};
	}

	private static @Nullable Copy collectionCopy(Class<?> raw, Copy element) {
		if (raw == Iterable.class || raw == Collection.class) {
			Copy list = listCopy(element);
			Copy set = setCopy(element, false);
			return (value, depth) -> (value instanceof Set<?>) ? set.copy(value, depth) : list.copy(value, depth);
		}
		if (raw == List.class || raw == ArrayList.class) {
			return listCopy(element);
		}
		if (raw == SortedSet.class || raw == NavigableSet.class || raw == TreeSet.class) {
			return setCopy(element, true);
		}
		if (raw == Set.class || raw == HashSet.class || raw == LinkedHashSet.class) {
			return setCopy(element, raw == Set.class);
		}
		return null;
	}

	private static Copy listCopy(Copy element) {
		if (element == SAME) {
			return (value, depth) -> isImmutableCollection(value) ? value : new ArrayList<>((Collection<?>) value);
		}
		return (value, depth) -> {
			int inner = deeper(depth);
			Collection<?> source = (Collection<?>) value;
			List<@Nullable Object> copy = new ArrayList<>(source.size());
			for (Object item : source) {
				copy.add((item != null) ? element.copy(item, inner) : null);
			}
			return copy;
		};
	}

	private static Copy setCopy(Copy element, boolean sortedIfSorted) {
		return (value, depth) -> {
			if (element == SAME && isImmutableCollection(value)) {
				return value;
			}
			int inner = deeper(depth);
			Collection<?> source = (Collection<?>) value;
			Set<@Nullable Object> copy = (sortedIfSorted && value instanceof SortedSet<?> sorted)
					? new TreeSet<>(castComparator(sorted.comparator())) : new LinkedHashSet<>();
			for (Object item : source) {
				copy.add((item != null) ? element.copy(item, inner) : null);
			}
			return copy;
		};
	}

	private static @Nullable Copy mapCopy(Class<?> raw, Copy key, Copy value) {
		boolean sorted = raw == SortedMap.class || raw == NavigableMap.class || raw == TreeMap.class;
		boolean any = raw == Map.class;
		if (!sorted && !any && raw != HashMap.class && raw != LinkedHashMap.class) {
			return null;
		}
		return (source, depth) -> {
			if (key == SAME && value == SAME && isImmutableCollection(source)) {
				return source;
			}
			int inner = deeper(depth);
			Map<?, ?> map = (Map<?, ?>) source;
			Map<@Nullable Object, @Nullable Object> copy = ((sorted || any) && map instanceof SortedMap<?, ?> ordered)
					? new TreeMap<>(castComparator(ordered.comparator())) : new LinkedHashMap<>();
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				copy.put((entry.getKey() != null) ? key.copy(entry.getKey(), inner) : null,
						(entry.getValue() != null) ? value.copy(entry.getValue(), inner) : null);
			}
			return copy;
		};
	}

	@SuppressWarnings("unchecked")
	private static java.util.@Nullable Comparator<@Nullable Object> castComparator(
			java.util.@Nullable Comparator<?> comparator) {
		return (java.util.Comparator<@Nullable Object>) comparator;
	}

	private static boolean isImmutableCollection(Object value) {
		return value.getClass().getName().startsWith("java.util.ImmutableCollections$");
	}

	private static Copy json(ResolvableType type) {
		JavaType javaType = javaType(mapper.getTypeFactory(), type);
		// Jackson limits nesting and turns its own recursion into an exception
		return (value, depth) -> mapper.readValue(mapper.writeValueAsBytes(value), javaType);
	}

	private static JavaType javaType(TypeFactory factory, ResolvableType type) {
		Class<?> raw = type.resolve(Object.class);
		if (!type.hasGenerics()) {
			return factory.constructType(raw);
		}
		ResolvableType[] generics = type.getGenerics();
		JavaType[] parameters = new JavaType[generics.length];
		for (int i = 0; i < generics.length; i++) {
			parameters[i] = javaType(factory, generics[i]);
		}
		return factory.constructParametricType(raw, parameters);
	}

	/**
	 * How one type is copied.
	 */
	@FunctionalInterface
	private interface Copy {

		Object copy(Object value, int depth);

	}

	/**
	 * Thrown when a value cannot be copied for its shape; its message names no values.
	 */
	static final class NotCopyableException extends RuntimeException {

		NotCopyableException(String message) {
			super(message, null, false, false);
		}

	}

	/**
	 * Copies a record holding mutable parts through its canonical constructor, copying
	 * each component as its declared type says.
	 */
	private static final class RecordCopy implements Copy {

		private final Constructor<?> constructor;

		private final Field[] fields;

		private volatile Copy @Nullable [] copies;

		RecordCopy(Class<?> type) {
			this.fields = RecordFields.of(type);
			Class<?>[] types = new Class<?>[this.fields.length];
			for (int i = 0; i < this.fields.length; i++) {
				types[i] = this.fields[i].getType();
			}
			try {
				this.constructor = type.getDeclaredConstructor(types);
			}
			catch (NoSuchMethodException ex) {
				throw new IllegalStateException("The record " + type.getName() + " has no canonical constructor", ex);
			}
			ReflectionUtils.makeAccessible(this.constructor);
		}

		private Copy[] copies() {
			Copy[] copies = this.copies;
			if (copies == null) {
				// Built on first use: a record may hold itself, through a list of itself
				copies = new Copy[this.fields.length];
				for (int i = 0; i < copies.length; i++) {
					copies[i] = build(ResolvableType.forField(this.fields[i]));
				}
				this.copies = copies;
			}
			return copies;
		}

		@Override
		public Object copy(Object value, int depth) {
			int inner = deeper(depth);
			Copy[] copies = copies();
			try {
				Object[] arguments = new Object[copies.length];
				for (int i = 0; i < copies.length; i++) {
					Object component = this.fields[i].get(value);
					arguments[i] = (component != null) ? copies[i].copy(component, inner) : null;
				}
				return this.constructor.newInstance(arguments);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("Cannot copy the record " + value.getClass().getName(), ex);
			}
		}

	}

}
