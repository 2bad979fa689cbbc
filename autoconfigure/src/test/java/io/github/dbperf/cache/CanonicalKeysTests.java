package io.github.dbperf.cache;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.github.dbperf.cache.CanonicalKeys.NotExactException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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
	void whenARecordIsEncodedThenItIsWrittenComponentByComponentNotToString() {
		assertThat(encode(new Filter("a", 2))).contains("java.lang.String=1:a;")
			.contains("java.lang.Integer=1:2;")
			.doesNotContain("Filter[");
	}

	@Test
	void whenValuesAreNotEqualThenTheTextDiffersHoweverTheyAreNested() {
		assertThat(encode(List.of(1L, "b"))).isNotEqualTo(encode(List.of(1, "b")));
		assertThat(encode(List.of("a", "b"))).isNotEqualTo(encode(Set.of("a", "b")));
		assertThat(encode(List.of(List.of("a"), "b"))).isNotEqualTo(encode(List.of("a", List.of("b"))));
		assertThat(encode(Optional.empty())).isNotEqualTo(encode(Optional.of("")));
		assertThat(encode(new BigDecimal("1.0"))).isNotEqualTo(encode(new BigDecimal("1.00")));
		assertThat(encode(Map.of("a", "b"))).isNotEqualTo(encode(Map.of("b", "a")));
		assertThat(encode(new Filter("a", 2))).isNotEqualTo(encode(new Other("a", 2)));
		assertThat(encode((Object) new long[] { 1, 2 })).isNotEqualTo(encode((Object) new int[] { 1, 2 }));
	}

	@Test
	void whenCollectionsAreEqualThenTheTextIsEqualWhateverTheirClassOrOrder() {
		assertThat(encode(new ArrayList<>(List.of("a", "b")))).isEqualTo(encode(List.of("a", "b")));
		assertThat(encode(new HashSet<>(List.of("b", "a", "c"))))
			.isEqualTo(encode(new TreeSet<>(Set.of("a", "b", "c"))));
		assertThat(encode(Map.of(Color.RED, 1, Color.GREEN, 2)))
			.isEqualTo(encode(new TreeMap<>(Map.of(Color.GREEN, 2, Color.RED, 1))));
		assertThat(encode((Object) new String[] { "a" })).isEqualTo(encode((Object) new String[] { "a" }));
	}

	@Test
	void whenAValueIsNotExactThenItIsRefusedNamingOnlyItsType() {
		assertThatExceptionOfType(NotExactException.class).isThrownBy(() -> encode(new StringBuilder("secret")))
			.withMessage("java.lang.StringBuilder is not an exact key type");
		assertThatExceptionOfType(NotExactException.class)
			.isThrownBy(() -> encode(List.of(new java.util.concurrent.atomic.AtomicLong(7))))
			.withMessageNotContaining("7");
		assertThatExceptionOfType(NotExactException.class).isThrownBy(() -> encode(new ArrayDeque<>(List.of("a"))));
		assertThatExceptionOfType(NotExactException.class).isThrownBy(() -> encode(new Holder(new byte[] { 1 })))
			.withMessageContaining("compared by identity");
	}

	@Test
	void whenAValueHoldsItselfThenItIsRefusedWithoutOverflowingTheStack() {
		List<Object> list = new ArrayList<>();
		list.add(list);
		assertThatExceptionOfType(NotExactException.class).isThrownBy(() -> encode(list))
			.withMessage("the value refers to itself");
		Map<String, Object> map = new HashMap<>();
		map.put("self", List.of(map));
		assertThatExceptionOfType(NotExactException.class).isThrownBy(() -> encode(map));
	}

	@Test
	void whenAValueIsTooDeepThenItIsRefused() {
		Object value = "leaf";
		for (int i = 0; i < 100_000; i++) {
			value = List.of(value);
		}
		Object deep = value;
		assertThatExceptionOfType(NotExactException.class).isThrownBy(() -> encode(deep))
			.withMessageContaining("deeper than");
	}

	private static String encode(Object... values) {
		return CanonicalKeys.encode("cache", "v1", values);
	}

	record Filter(String name, int limit) {

	}

	record Other(String name, int limit) {

	}

	record Holder(byte[] bytes) {

	}

	enum Color {

		RED, GREEN

	}

}
