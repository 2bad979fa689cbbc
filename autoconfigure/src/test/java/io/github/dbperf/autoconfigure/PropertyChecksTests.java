package io.github.dbperf.autoconfigure;

import java.time.Duration;

import io.github.dbperf.autoconfigure.cache.CacheProperties.CacheType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link PropertyChecks}.
 */
class PropertyChecksTests {

	@Test
	void durationsAreWrittenInTheirLargestWholeUnit() {
		assertThat(PropertyChecks.format(Duration.ofDays(300_000))).isEqualTo("300000d");
		assertThat(PropertyChecks.format(Duration.ofMinutes(90))).isEqualTo("90m");
		assertThat(PropertyChecks.format(Duration.ofSeconds(-1))).isEqualTo("-1s");
		assertThat(PropertyChecks.format(Duration.ofMillis(250))).isEqualTo("250ms");
		assertThat(PropertyChecks.format(Duration.ofNanos(1))).isEqualTo("1ns");
		assertThat(PropertyChecks.format(Duration.ZERO)).isEqualTo("0ms");
	}

	@Test
	void durationsTooLargeForMillisecondsAreWrittenWithoutOverflow() {
		assertThat(PropertyChecks.format(Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo("9223372036854775807s");
		assertThat(PropertyChecks.format(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999))).startsWith("PT");
	}

	@Test
	void enumConstantsAreWrittenAsUsersWriteThem() {
		assertThat(PropertyChecks.format(CacheType.TWO_LEVEL)).isEqualTo("two-level");
	}

	@Test
	void whenADurationIsAboveItsRangeThenTheExceptionNamesTheRange() {
		assertThatExceptionOfType(InvalidDbperfPropertyException.class)
			.isThrownBy(() -> PropertyChecks.duration("dbperf.cache.redis.command-timeout", Duration.ofMinutes(2)))
			.satisfies((ex) -> {
				assertThat(ex.getValue()).isEqualTo("2m");
				assertThat(ex.getAllowed()).isEqualTo("a duration of at least 1ms and at most 1m");
			});
	}

	@Test
	void whenZeroIsOffThenZeroAndTheBoundsAreAllowed() {
		String property = "dbperf.pool.tuning.max-lifetime";
		assertThat(PropertyChecks.duration(property, Duration.ZERO)).isZero();
		assertThat(PropertyChecks.duration(property, Duration.ofSeconds(30))).hasSeconds(30);
		assertThat(PropertyChecks.duration(property, Duration.ofDays(1))).hasDays(1);
		assertThatExceptionOfType(InvalidDbperfPropertyException.class)
			.isThrownBy(() -> PropertyChecks.duration(property, Duration.ofSeconds(29)));
	}

	@Test
	void whenADurationPropertyHasNoRangeThenCheckingItFails() {
		assertThatIllegalStateException().isThrownBy(() -> PropertyChecks.duration("dbperf.unknown", Duration.ZERO))
			.withMessageContaining("dbperf.unknown");
	}

}
