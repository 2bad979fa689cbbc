package io.github.dbperf.cache;

import io.github.dbperf.sql.Sha256Ids;

/**
 * The names of what the Redis tier writes: {@code <prefix><cache>:<hash of the key>} for
 * entries, and {@code <prefix>t:} followed by the table name for the set of entries that
 * read a table.
 *
 * @author dbperf
 * @since 0.1.0
 */
final class RedisKeys {

	private final String prefix;

	RedisKeys(String prefix) {
		this.prefix = prefix;
	}

	String entry(String cache, CacheKey key) {
		return this.prefix + cache + ":" + Sha256Ids.of(key.canonical(), 16);
	}

	String table(String table) {
		return this.prefix + "t:" + table;
	}

	String everyEntryOf(String cache) {
		return this.prefix + cache + ":*";
	}

	String everything() {
		return this.prefix + "*";
	}

	/**
	 * Return the cache an entry's key belongs to.
	 * @param entry the Redis key of an entry
	 * @return the cache name, or an empty string when it is not an entry's key
	 */
	String cacheOf(String entry) {
		int end = entry.lastIndexOf(':');
		return (entry.startsWith(this.prefix) && end > this.prefix.length())
				? entry.substring(this.prefix.length(), end) : "";
	}

}
