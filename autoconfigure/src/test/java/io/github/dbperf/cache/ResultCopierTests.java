package io.github.dbperf.cache;

import java.lang.reflect.Method;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import org.springframework.core.ResolvableType;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link ResultCopier}.
 */
class ResultCopierTests {

	@Test
	void whenTheResultIsImmutableThenItIsShared() {
		assertThat(copier("view").shares()).isTrue();
		View view = new View(1, "a", LocalDate.of(2024, 1, 1));
		assertThat(copier("view").copy(view)).isSameAs(view);
		List<View> immutable = List.of(view);
		assertThat(copier("views").copy(immutable)).isSameAs(immutable);
	}

	@Test
	void whenTheResultIsAMutableListThenTheCopyIsEqualButIndependent() {
		List<View> views = new ArrayList<>(List.of(new View(1, "a", null)));
		Object copy = copier("views").copy(views);
		assertThat(copy).isEqualTo(views).isNotSameAs(views).isInstanceOf(ArrayList.class);
	}

	@Test
	void whenARecordHoldsMutablePartsThenTheyAreCopiedDeeply() {
		Basket basket = new Basket("ada", new ArrayList<>(List.of(new ArrayList<>(List.of("tea")))),
				new HashMap<>(Map.of("k", new int[] { 1 })));
		Basket copy = (Basket) copier("basket").copy(basket);
		assertThat(copy).isNotSameAs(basket);
		assertThat(copy.items()).isEqualTo(basket.items()).isNotSameAs(basket.items());
		assertThat(copy.items().get(0)).isNotSameAs(basket.items().get(0));
		assertThat(copy.counts().get("k")).containsExactly(1).isNotSameAs(basket.counts().get("k"));
	}

	@Test
	void whenASortedSetIsCopiedThenItKeepsItsComparator() {
		SortedSet<String> names = new TreeSet<>(Comparator.reverseOrder());
		names.addAll(Set.of("a", "b"));
		@SuppressWarnings("unchecked")
		SortedSet<String> copy = (SortedSet<String>) copier("names").copy(names);
		assertThat(copy).containsExactly("b", "a").isNotSameAs(names);
	}

	@Test
	void whenTheResultIsABeanThenItIsCopiedThroughJson() {
		Profile profile = new Profile();
		profile.setName("ada");
		profile.setTags(new ArrayList<>(List.of("x")));
		Profile copy = (Profile) copier("profile").copy(profile);
		assertThat(copy).isNotSameAs(profile);
		assertThat(copy.getName()).isEqualTo("ada");
		assertThat(copy.getTags()).containsExactly("x").isNotSameAs(profile.getTags());
	}

	@Test
	void whenTheDeclaredTypeIsObjectThenTheRuntimeClassDecides() {
		List<Object> value = new ArrayList<>(List.of("a", new ArrayList<>(List.of(1))));
		@SuppressWarnings("unchecked")
		List<Object> copy = (List<Object>) copier("anything").copy(value);
		assertThat(copy).isEqualTo(value).isNotSameAs(value);
		assertThat(copy.get(1)).isNotSameAs(value.get(1));
		assertThat(copier("anything").copy("text")).isEqualTo("text");
		assertThat(copier("optional").copy(Optional.of(new ArrayList<>(List.of("a")))))
			.isEqualTo(Optional.of(List.of("a")));
	}

	@Test
	void whenARecordHoldsAListThatContainsItThenTheCopyIsRefusedWithoutAnError() {
		List<Object> children = new ArrayList<>();
		Node node = new Node("root", children);
		children.add(node);
		assertThatThrownBy(() -> copier("node").copy(node)).isInstanceOf(RuntimeException.class)
			.hasMessageNotContaining("root");
	}

	@Test
	void whenTheResultIsDeeperThanTheLimitThenTheCopyIsRefusedWithoutAnError() {
		Node node = new Node("leaf", new ArrayList<>());
		for (int i = 0; i < 100_000; i++) {
			node = new Node("n", new ArrayList<>(List.of(node)));
		}
		Node deep = node;
		assertThatThrownBy(() -> copier("node").copy(deep)).isInstanceOf(RuntimeException.class);
	}

	@Test
	void whenTheResultIsWithinTheLimitThenItIsCopied() {
		Node node = new Node("leaf", new ArrayList<>());
		for (int i = 0; i < 63; i++) {
			node = new Node("n", new ArrayList<>(List.of(node)));
		}
		assertThat(copier("node").copy(node)).isEqualTo(node).isNotSameAs(node);
	}

	private static ResultCopier copier(String method) {
		Method found = ReflectionUtils.findMethod(Results.class, method);
		return ResultCopier.of(ResolvableType.forMethodReturnType(found));
	}

	interface Results {

		View view();

		List<View> views();

		Basket basket();

		SortedSet<String> names();

		Profile profile();

		Object anything();

		Optional<List<String>> optional();

		Node node();

	}

	record View(long id, String name, LocalDate since) {

	}

	record Node(String name, List<Object> children) {

	}

	record Basket(String owner, List<List<String>> items, Map<String, int[]> counts) {

	}

	static class Profile {

		private String name;

		private List<String> tags;

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public List<String> getTags() {
			return this.tags;
		}

		public void setTags(List<String> tags) {
			this.tags = tags;
		}

	}

}
