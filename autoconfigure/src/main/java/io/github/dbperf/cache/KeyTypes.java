package io.github.dbperf.cache;

import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.core.ResolvableType;
import org.springframework.util.ReflectionUtils;

/**
 * Which types make exact key parts: types whose every {@code equals} difference shows in
 * their canonical text. These are JDK value types, enums, records whose components are
 * exact, and lists, sets, maps, arrays and {@link Optional}s of exact types. Anything
 * else (a class whose {@code equals} dbperf cannot see) is refused at startup.
 *
 * @author dbperf
 * @since 0.1.0
 */
final class KeyTypes {

	/**
	 * Final JDK value types written with their specified text form.
	 */
	static final Set<Class<?>> SCALARS = Set.of(String.class, Boolean.class, Character.class, Byte.class, Short.class,
			Integer.class, Long.class, Float.class, Double.class, UUID.class, Instant.class, LocalDate.class,
			LocalTime.class, LocalDateTime.class, OffsetDateTime.class, OffsetTime.class, ZonedDateTime.class,
			Duration.class, Period.class, Year.class, YearMonth.class, MonthDay.class, ZoneOffset.class);

	/**
	 * Declared types that only hold exact values when the value says so: checked per
	 * call.
	 */
	private static final Set<Class<?>> OPEN = Set.of(Object.class, Number.class, CharSequence.class, Comparable.class,
			Serializable.class, Temporal.class, TemporalAccessor.class, TemporalAmount.class);

	private KeyTypes() {
	}

	/**
	 * Return whether values of a class are scalars: written as text, never walked.
	 * @param type the class
	 * @return whether it is a scalar
	 */
	static boolean isScalar(Class<?> type) {
		return type.isPrimitive() || SCALARS.contains(type) || type.isEnum();
	}

	/**
	 * Return whether values of a class are immutable JDK values whose whole
	 * {@code equals} their text shows: scalars, {@link BigInteger}, {@link BigDecimal}
	 * and zone ids.
	 * @param type the class
	 * @return whether it is such a value
	 */
	static boolean isValue(Class<?> type) {
		return isScalar(type) || type == BigInteger.class || type == BigDecimal.class
				|| ZoneId.class.isAssignableFrom(type);
	}

	/**
	 * Return what keeps a declared type from being an exact key part.
	 * @param type the declared type
	 * @return the reason, or {@code null} when its values can be exact
	 */
	static @Nullable String problem(ResolvableType type) {
		return problem(type, true, new HashSet<>());
	}

	private static @Nullable String problem(ResolvableType type, boolean arrays, Set<Class<?>> visiting) {
		Class<?> raw = type.resolve(Object.class);
		if (isValue(raw) || OPEN.contains(raw)) {
			return null;
		}
		if (raw.isArray()) {
			return arrays ? problem(type.getComponentType(), true, visiting)
					: "an array inside a record, collection or map is compared by identity";
		}
		if (raw.isRecord()) {
			return visiting.add(raw) ? recordProblem(type, raw, visiting) : null;
		}
		if (raw == Optional.class) {
			return problem(type.getGeneric(0), false, visiting);
		}
		if (Collection.class.isAssignableFrom(raw) || raw == Iterable.class) {
			boolean elementwise = List.class.isAssignableFrom(raw) || Set.class.isAssignableFrom(raw)
					|| raw == Collection.class || raw == Iterable.class;
			return (elementwise && isJdk(raw)) ? problem(type.as(Iterable.class).getGeneric(0), false, visiting)
					: raw.getName() + " is not a JDK list or set, whose equals compares elements";
		}
		if (Map.class.isAssignableFrom(raw)) {
			if (!isJdk(raw)) {
				return raw.getName() + " is not a JDK map";
			}
			String key = problem(type.asMap().getGeneric(0), false, visiting);
			return (key != null) ? key : problem(type.asMap().getGeneric(1), false, visiting);
		}
		if (raw.isSealed()) {
			for (Class<?> permitted : raw.getPermittedSubclasses()) {
				String problem = problem(ResolvableType.forClass(permitted), arrays, visiting);
				if (problem != null) {
					return problem;
				}
			}
			return null;
		}
		return raw.getName() + " is not a JDK value type, an enum or a record, so its equals cannot be seen";
	}

	private static @Nullable String recordProblem(ResolvableType type, Class<?> record, Set<Class<?>> visiting) {
		for (RecordComponent component : record.getRecordComponents()) {
			Field field = ReflectionUtils.findField(record, component.getName());
			ResolvableType componentType = (field != null) ? ResolvableType.forField(field, type)
					: ResolvableType.forType(component.getGenericType());
			String problem = problem(componentType, false, visiting);
			if (problem != null) {
				return "component '" + component.getName() + "' of " + record.getSimpleName() + ": " + problem;
			}
		}
		return null;
	}

	/**
	 * Return whether a collection or map class is one of the JDK's, whose {@code equals}
	 * compares elements (the identity-based ones excluded).
	 * @param type the class
	 * @return whether its equals compares elements
	 */
	static boolean isJdk(Class<?> type) {
		String name = type.getName();
		return (name.startsWith("java.util.") || name.equals("java.lang.Iterable"))
				&& !name.equals("java.util.IdentityHashMap") && !name.equals("java.util.WeakHashMap")
				&& !name.equals("java.util.Collections$SetFromMap") && !name.startsWith("java.util.IdentityHashMap$")
				&& !name.startsWith("java.util.WeakHashMap$");
	}

}
