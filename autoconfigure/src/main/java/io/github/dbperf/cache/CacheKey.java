package io.github.dbperf.cache;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * A typed cache key: the cache and the key values (all arguments, or what the {@code key}
 * expression chose). Equal only for the same cache and equal values of equal types, so
 * {@code 1} and {@code 1L} or two methods sharing a name never collide. Remote tiers use
 * {@link #canonical()}, a stable text encoding that never relies on {@code toString()}.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class CacheKey {

	private final String cache;

	private final String version;

	private final Object[] values;

	private final int hash;

	private volatile @Nullable String canonical;

	CacheKey(String cache, String version, Object[] values) {
		this.cache = cache;
		this.version = version;
		this.values = values;
		this.hash = 31 * (31 * cache.hashCode() + version.hashCode()) + Arrays.deepHashCode(values);
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
		if (!(other instanceof CacheKey key) || this.hash != key.hash || !this.cache.equals(key.cache)
				|| !this.version.equals(key.version) || this.values.length != key.values.length) {
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
