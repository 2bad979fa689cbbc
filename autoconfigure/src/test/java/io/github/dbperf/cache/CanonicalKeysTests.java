package io.github.dbperf.cache;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CanonicalKeys}.
 */
class CanonicalKeysTests {

	@Test
	void whenValuesAreEqualThenTheTextIsEqual() {
		assertThat(encode(7L, "music", new Filter("a", 2))).isEqualTo(encode(7L, "music", new Filter("a", 2)));
	}

	@Test
	void whenOnlyTheTypeDiffersThenTheTextDiffers() {
		assertThat(encode(1L)).isNotEqualTo(encode(1)).isNotEqualTo(encode("1"));
		assertThat(encode((Object) null)).isNotEqualTo(encode("null"));
	}

	@Test
	void whenAStringContainsSeparatorsThenItCannotForgeTwoValues() {
		assertThat(encode("a;java.lang.String=1:b")).isNotEqualTo(encode("a", "b"));
		assertThat(encode("ab", "")).isNotEqualTo(encode("a", "b"));
	}

	@Test
	void whenMapsHoldTheSameEntriesInAnotherOrderThenTheTextIsEqual() {
		Map<String, Integer> first = new LinkedHashMap<>();
		first.put("b", 2);
		first.put("a", 1);
		Map<String, Integer> second = new LinkedHashMap<>(new TreeMap<>(first));
		assertThat(encode(first)).isEqualTo(encode(second));
	}

	@Test
	void whenAValueIsNotAScalarThenItIsJsonNotToString() {
		assertThat(encode(new Filter("a", 2))).contains("\"name\":\"a\"")
			.contains("\"limit\":2")
			.doesNotContain("Filter[");
	}

	private static String encode(Object... values) {
		return CanonicalKeys.encode("cache", "v1", values);
	}

	record Filter(String name, int limit) {

	}

}
