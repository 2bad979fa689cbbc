package io.github.dbperf.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.Assert;

/**
 * Setter-time checks for {@code dbperf.*} properties, so a bad value stops startup with
 * the property's name instead of failing at first use.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class PropertyChecks {

	private static final List<ChronoUnit> PRINT_UNITS = List.of(ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES,
			ChronoUnit.SECONDS, ChronoUnit.MILLIS, ChronoUnit.NANOS);

	private PropertyChecks() {
	}

	/**
	 * Check that a duration is within the range dbperf allows for the property: every
	 * duration property has a minimum, a maximum and may allow 0 (off).
	 * @param property the full property name
	 * @param value the value
	 * @return the value
	 * @throws IllegalStateException when the property has no range; add one to
	 * {@code DurationRange}
	 */
	public static Duration duration(String property, Duration value) {
		DurationRange range = DurationRange.of(property);
		Assert.state(range != null, () -> "No range for duration property '" + property + "'");
		if (!range.contains(value)) {
			throw new InvalidDbperfPropertyException(property, format(value), range.describe());
		}
		return value;
	}

	/**
	 * Check that a number is at least a minimum.
	 * @param property the full property name
	 * @param value the value
	 * @param minimum the smallest allowed value
	 * @return the value
	 */
	public static int atLeast(String property, int value, int minimum) {
		if (value < minimum) {
			throw new InvalidDbperfPropertyException(property, value, "a whole number of at least " + minimum);
		}
		return value;
	}

	/**
	 * Write an enum constant the way users write it in properties, such as
	 * {@code two-level} for {@code TWO_LEVEL}.
	 * @param value the constant
	 * @return the text
	 */
	public static String format(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * Write a duration the way Spring Boot properties accept it, in its largest whole
	 * unit, without overflowing for any value.
	 * @param value the duration
	 * @return the text
	 */
	public static String format(Duration value) {
		if (value.isZero()) {
			return "0ms";
		}
		for (ChronoUnit unit : PRINT_UNITS) {
			boolean fits = unit.compareTo(ChronoUnit.SECONDS) >= 0
					|| (value.getSeconds() > -1_000_000_000 && value.getSeconds() < 1_000_000_000);
			if (fits && value.truncatedTo(unit).equals(value)) {
				return DurationStyle.SIMPLE.print(value, unit);
			}
		}
		return value.toString();
	}

}
