package io.github.dbperf.autoconfigure;

import java.time.Duration;

import io.github.dbperf.pool.PoolSettings;

/**
 * Setter-time checks for {@code dbperf.*} properties, so a bad value stops startup with
 * the property's name instead of failing at first use.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class PropertyChecks {

	private PropertyChecks() {
	}

	/**
	 * Check that a duration is strictly positive.
	 * @param property the full property name
	 * @param value the value
	 * @return the value
	 */
	public static Duration positive(String property, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new InvalidDbperfPropertyException(property, PoolSettings.format(value),
					"a positive duration such as 500ms or 5s");
		}
		return value;
	}

	/**
	 * Check that a duration is zero (off) or at least a minimum.
	 * @param property the full property name
	 * @param value the value
	 * @param minimum the smallest value other than zero
	 * @return the value
	 */
	public static Duration zeroOrAtLeast(String property, Duration value, Duration minimum) {
		if (value.isNegative() || (!value.isZero() && value.compareTo(minimum) < 0)) {
			throw new InvalidDbperfPropertyException(property, value,
					"0 (off) or at least " + minimum.toMillis() + "ms");
		}
		return value;
	}

	/**
	 * Check that a duration is at least a minimum.
	 * @param property the full property name
	 * @param value the value
	 * @param minimum the smallest allowed value
	 * @return the value
	 */
	public static Duration atLeast(String property, Duration value, Duration minimum) {
		if (value.compareTo(minimum) < 0) {
			throw new InvalidDbperfPropertyException(property, PoolSettings.format(value),
					"at least " + PoolSettings.format(minimum));
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

}
