package io.github.dbperf.autoconfigure;

import java.time.Duration;
import java.util.Map;

import io.github.dbperf.cache.CachedQueryOperations;
import org.jspecify.annotations.Nullable;

/**
 * The values a {@code dbperf.*} duration property accepts. Every duration property has an
 * upper bound, so that no value overflows when dbperf converts it to nanoseconds or adds
 * it to the current time. Used by the setters through
 * {@link PropertyChecks#duration(String, Duration)} and by
 * {@link InvalidDbperfBindingFailureAnalyzer} when a value does not even bind.
 *
 * @param min the smallest value other than zero
 * @param max the largest value
 * @param zeroIsOff whether 0 is allowed, turning the feature off
 * @author dbperf
 * @since 0.1.0
 */
record DurationRange(Duration min, Duration max, boolean zeroIsOff) {

	private static final Duration POSITIVE = Duration.ofNanos(1);

	private static final Duration DAY = Duration.ofDays(1);

	private static final Duration HOUR = Duration.ofHours(1);

	private static final Map<String, DurationRange> byProperty = Map.ofEntries(
			Map.entry("dbperf.pool.tuning.connection-timeout", atLeast(Duration.ofMillis(250), HOUR)),
			Map.entry("dbperf.pool.tuning.keepalive-time", zeroOrAtLeast(Duration.ofSeconds(30), DAY)),
			Map.entry("dbperf.pool.tuning.max-lifetime", zeroOrAtLeast(Duration.ofSeconds(30), DAY)),
			Map.entry("dbperf.pool.tuning.leak-detection-threshold", zeroOrAtLeast(Duration.ofSeconds(2), DAY)),
			Map.entry("dbperf.pool.starvation.wait-threshold", atLeast(POSITIVE, HOUR)),
			Map.entry("dbperf.pool.starvation.threshold", atLeast(POSITIVE, HOUR)),
			Map.entry("dbperf.pool.long-hold.threshold", atLeast(POSITIVE, DAY)),
			Map.entry("dbperf.pool.history.interval", atLeast(Duration.ofMillis(10), HOUR)),
			Map.entry("dbperf.pool.history.retention", atLeast(Duration.ofSeconds(1), DAY)),
			Map.entry("dbperf.pool.starvation.long-hold-threshold", atLeast(POSITIVE, DAY)),
			Map.entry("dbperf.queries.slow-threshold", atLeast(POSITIVE, DAY)),
			Map.entry("dbperf.queries.slow-log-interval", zeroOrAtLeast(Duration.ofMillis(1), DAY)),
			Map.entry("dbperf.queries.metrics.refresh-interval", atLeast(Duration.ofSeconds(1), HOUR)),
			Map.entry("dbperf.plans.statement-timeout", atLeast(Duration.ofMillis(1), Duration.ofMinutes(1))),
			Map.entry("dbperf.plans.min-interval", zeroOrAtLeast(Duration.ofSeconds(1), DAY)),
			Map.entry("dbperf.plans.request-wait", zeroOrAtLeast(Duration.ofMillis(1), Duration.ofMinutes(1))),
			Map.entry("dbperf.nplusone.log-interval", zeroOrAtLeast(Duration.ofMillis(1), DAY)),
			Map.entry("dbperf.cache.default-ttl", atLeast(POSITIVE, CachedQueryOperations.MAX_TTL)),
			Map.entry("dbperf.cache.redis.command-timeout", atLeast(Duration.ofMillis(1), Duration.ofMinutes(1))),
			Map.entry("dbperf.cache.redis.open-duration", atLeast(Duration.ofMillis(1), HOUR)),
			Map.entry("dbperf.cache.redis.subscription-retry-interval", atLeast(Duration.ofMillis(100), HOUR)),
			Map.entry("dbperf.server-statistics.max-age", atLeast(Duration.ofSeconds(1), DAY)),
			Map.entry("dbperf.server-statistics.statement-timeout",
					atLeast(Duration.ofSeconds(1), Duration.ofMinutes(1))),
			Map.entry("dbperf.catalog.refresh-interval", atLeast(Duration.ofSeconds(1), DAY)),
			Map.entry("dbperf.catalog.statement-timeout", atLeast(Duration.ofSeconds(1), Duration.ofMinutes(1))));

	/**
	 * Return the range of a property.
	 * @param property the full property name
	 * @return the range, or {@code null} when the property is not a dbperf duration
	 */
	static @Nullable DurationRange of(String property) {
		return byProperty.get(property);
	}

	boolean contains(Duration value) {
		if (value.isZero() && this.zeroIsOff) {
			return true;
		}
		return value.compareTo(this.min) >= 0 && value.compareTo(this.max) <= 0;
	}

	String describe() {
		String range = this.min.equals(POSITIVE)
				? "a positive duration of at most " + PropertyChecks.format(this.max) + ", such as 500ms or 5s"
				: "a duration of at least " + PropertyChecks.format(this.min) + " and at most "
						+ PropertyChecks.format(this.max);
		return (this.zeroIsOff ? "0 (off) or " : "") + range;
	}

	private static DurationRange atLeast(Duration min, Duration max) {
		return new DurationRange(min, max, false);
	}

	private static DurationRange zeroOrAtLeast(Duration min, Duration max) {
		return new DurationRange(min, max, true);
	}

}
