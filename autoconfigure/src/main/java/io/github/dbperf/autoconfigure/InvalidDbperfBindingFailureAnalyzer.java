package io.github.dbperf.autoconfigure;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.util.ClassUtils;
import org.springframework.util.unit.DataSize;

/**
 * Explains a {@code dbperf.*} value that Spring Boot's binder could not convert, such as
 * an unknown enum constant or a duration too large for {@link Duration}, in the format of
 * {@link InvalidDbperfPropertyFailureAnalyzer}: the property, the value as written and
 * the allowed values as users write them ({@code two-level}, not {@code TWO_LEVEL}).
 * Ordered before Boot's generic bind analyzer.
 *
 * @author dbperf
 * @since 0.1.0
 */
class InvalidDbperfBindingFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		String property = cause.getName().toString();
		ConversionFailedException conversion = findCause(cause, ConversionFailedException.class);
		if (!property.startsWith("dbperf.") || conversion == null
				|| findCause(cause, InvalidDbperfPropertyException.class) != null) {
			return null;
		}
		String allowed = allowed(property, conversion.getTargetType().getType());
		if (allowed == null) {
			return null;
		}
		ConfigurationProperty source = cause.getProperty();
		Object value = (source != null) ? source.getValue() : conversion.getValue();
		return InvalidDbperfPropertyFailureAnalyzer.analysis(property, value, allowed, cause);
	}

	private static @Nullable String allowed(String property, Class<?> type) {
		if (type.isEnum()) {
			return Arrays.stream((Enum<?>[]) type.getEnumConstants())
				.map(PropertyChecks::format)
				.collect(Collectors.joining(", ", "one of ", ""));
		}
		if (type == Duration.class) {
			DurationRange range = DurationRange.of(property);
			return (range != null) ? range.describe() : "a duration such as 500ms or 5s";
		}
		if (type == DataSize.class) {
			return "a size such as 512KB or 10MB";
		}
		Class<?> boxed = ClassUtils.resolvePrimitiveIfNecessary(type);
		if (boxed == Integer.class || boxed == Long.class) {
			return "a whole number";
		}
		if (boxed == Double.class || boxed == Float.class) {
			return "a number";
		}
		if (boxed == Boolean.class) {
			return "true or false";
		}
		return null;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
