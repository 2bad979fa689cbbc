package io.github.dbperf.cache;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * A typed cache key: the cache and the key values (all arguments, or what the {@code key}
 * expression chose). Equal only for the same cache and equal values of equal types, so
 * {@code 1} and {@code 1L} or two methods sharing a name never collide. Remote tiers use
 * {@link #canonical()}, a stable text encoding that never relies on {@code toString()}
 * and differs whenever the values are not {@code equals}. Keys holding anything but
 * scalars are encoded when created, so encoding never fails later inside a tier, and are
 * compared by that text: a caller changing an argument after the call cannot make an
 * entry unreachable, and the local tier and Redis agree on which keys are equal.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class CacheKey {

	private final String cache;

	private final String version;

	private final Object[] values;

	private final int hash;

	private final boolean byText;

	private volatile @Nullable String canonical;

	CacheKey(String cache, String version, Object[] values) {
		this.cache = cache;
		this.version = version;
		this.values = values;
		this.byText = false;
		this.hash = 31 * (31 * cache.hashCode() + version.hashCode()) + Arrays.deepHashCode(values);
	}

	private CacheKey(String cache, String version, Object[] values, String canonical) {
		this.cache = cache;
		this.version = version;
		this.values = values;
		this.canonical = canonical;
		// Scalars cannot change; composites are compared by their text as it was
		this.byText = !scalars(values);
		this.hash = this.byText ? canonical.hashCode()
				: 31 * (31 * cache.hashCode() + version.hashCode()) + Arrays.deepHashCode(values);
	}

	/**
	 * Create a key from values that may be composites, encoding them first so that a
	 * value that is not exact, cyclic or too large is refused before anything walks it.
	 * @param cache the cache name
	 * @param version the payload version
	 * @param values the key values
	 * @return the key
	 * @throws CanonicalKeys.NotExactException when a value is not exact
	 */
	static CacheKey exact(String cache, String version, Object[] values) {
		return new CacheKey(cache, version, values, CanonicalKeys.encode(cache, version, values));
	}

	private static boolean scalars(Object[] values) {
		for (Object value : values) {
			if (value != null && !KeyTypes.isScalar(value.getClass())) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Return the cache name.
	 * @return the name
	 */
	public String cache() {
		return this.cache;
	}

	/**
	 * Return the key values.
	 * @return the values
	 */
	public Object[] values() {
		return this.values;
	}

	/**
	 * Return the key as stable text: cache name, payload version and a canonical JSON
	 * encoding of each value with its type.
	 * @return the text
	 */
	public String canonical() {
		String text = this.canonical;
		if (text == null) {
			text = CanonicalKeys.encode(this.cache, this.version, this.values);
			this.canonical = text;
		}
		return text;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof CacheKey key) || this.hash != key.hash || this.byText != key.byText) {
			return false;
		}
		if (this.byText) {
			// The text starts with the cache name and version
			return canonical().equals(key.canonical());
		}
		if (!this.cache.equals(key.cache) || !this.version.equals(key.version)
				|| this.values.length != key.values.length) {
			return false;
		}
		for (int i = 0; i < this.values.length; i++) {
			Object a = this.values[i];
			Object b = key.values[i];
			if (a != null && b != null && a.getClass() != b.getClass()) {
				return false;
			}
		}
		return Arrays.deepEquals(this.values, key.values);
	}

	@Override
	public int hashCode() {
		return this.hash;
	}

	@Override
	public String toString() {
		// Never the values: keys may hold personal data
		return "CacheKey[" + this.cache + ", " + this.values.length + " values]";
	}

}
