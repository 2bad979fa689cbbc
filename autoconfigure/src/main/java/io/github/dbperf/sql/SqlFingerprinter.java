package io.github.dbperf.sql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fingerprints SQL: literals folded, comments stripped, whitespace and keyword case
 * folded, IN lists and multi-row VALUES squashed, in the manner of pg_stat_statements and
 * pt-query-digest. Results are cached per distinct SQL string in a bounded map (emptied
 * when full), so the statement hot path is one hash lookup. Never throws.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class SqlFingerprinter {

	/**
	 * The default number of distinct SQL strings cached.
	 */
	public static final int DEFAULT_CACHE_SIZE = 10_000;

	private static final HexFormat HEX = HexFormat.of();

	private final int cacheSize;

	private final Map<String, Fingerprint> cache = new ConcurrentHashMap<>();

	/**
	 * Create a fingerprinter with the default cache size.
	 */
	public SqlFingerprinter() {
		this(DEFAULT_CACHE_SIZE);
	}

	/**
	 * Create a fingerprinter.
	 * @param cacheSize how many distinct SQL strings keep their fingerprint cached
	 */
	public SqlFingerprinter(int cacheSize) {
		this.cacheSize = cacheSize;
	}

	/**
	 * Return the fingerprint of a statement, from the cache when it was seen before.
	 * @param sql the SQL text
	 * @return the fingerprint
	 */
	public Fingerprint fingerprint(String sql) {
		Fingerprint fingerprint = this.cache.get(sql);
		if (fingerprint == null) {
			fingerprint = compute(sql);
			if (this.cache.size() >= this.cacheSize) {
				// Only applications that inline literals get here; start over rather than
				// pay for recency tracking on every statement
				this.cache.clear();
			}
			this.cache.put(sql, fingerprint);
		}
		return fingerprint;
	}

	/**
	 * Compute a fingerprint without the cache.
	 * @param sql the SQL text
	 * @return the fingerprint
	 */
	public static Fingerprint compute(String sql) {
		try {
			SqlNormalizer normalized = SqlNormalizer.normalize(sql);
			String text = normalized.sql();
			return new Fingerprint(id(text), text, normalized.operation(),
					Collections.unmodifiableSet(new LinkedHashSet<>(normalized.tables())), normalized.writtenTable(),
					normalized.batchFetch());
		}
		catch (RuntimeException | StackOverflowError ex) {
			// Whatever the scanner misses, the statement still gets a stable fingerprint
			String text = sql.substring(0, Math.min(sql.length(), SqlNormalizer.MAX_LENGTH)).trim();
			return new Fingerprint(id(text), text, Operation.OTHER, Set.of(), null, false);
		}
	}

	static String id(String normalized) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8));
			return HEX.formatHex(digest, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is always available", ex);
		}
	}

}
