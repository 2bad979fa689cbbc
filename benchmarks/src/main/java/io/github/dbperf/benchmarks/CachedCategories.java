package io.github.dbperf.benchmarks;

import java.util.ArrayList;
import java.util.List;

import io.github.dbperf.cache.CachedQuery;

import org.springframework.cache.annotation.Cacheable;

/**
 * The method every cache benchmark caches, once with Spring's {@code @Cacheable} and once
 * with {@code @CachedQuery}. A miss returns a new {@link ArrayList}, which every
 * serializer can read back; hits never run it. {@code @CachedQuery} copies a mutable
 * result on every hit and shares an immutable one, so it also caches the immutable list.
 *
 * @author dbperf
 * @since 0.1.0
 */
final class CachedCategories {

	static final List<String> VALUE = List.of("music", "books", "film");

	private CachedCategories() {
	}

	/**
	 * Cached with Spring's {@code @Cacheable}.
	 */
	public static class Spring {

		@Cacheable("categories")
		public List<String> categories(long id) {
			return new ArrayList<>(VALUE);
		}

	}

	/**
	 * Cached with {@code @CachedQuery}.
	 */
	public static class Dbperf {

		@CachedQuery(ttl = "1h")
		public List<String> categories(long id) {
			return new ArrayList<>(VALUE);
		}

		@CachedQuery(ttl = "1h")
		public List<String> immutableCategories(long id) {
			return VALUE;
		}

	}

}
