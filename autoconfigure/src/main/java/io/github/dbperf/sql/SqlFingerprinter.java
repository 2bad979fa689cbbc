package io.github.dbperf.sql;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.dbperf.rules.Rule;

/**
 * Fingerprints SQL: literals folded, comments stripped, whitespace and keyword case
 * folded, IN lists and multi-row VALUES squashed, in the manner of pg_stat_statements and
 * pt-query-digest, by the rules of the statement's {@link SqlDialect}. Results are cached
 * per dialect and distinct SQL text in a cache bounded by weight in bytes, so the
 * statement hot path is one hash lookup; statements longer than
 * {@value #MAX_CACHED_LENGTH} characters are normalized each time instead, so inline
 * literals in huge statements cannot pin megabytes. Never throws.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class SqlFingerprinter {

	/**
	 * The default bound of the cache, in bytes.
	 */
	public static final long DEFAULT_CACHE_BYTES = 8L * 1024 * 1024;

	/**
	 * Statements longer than this many characters are never cached.
	 */
	public static final int MAX_CACHED_LENGTH = 16 * 1024;

	// Headers, the id, the tables and the cache node, a generous estimate
	private static final int ENTRY_OVERHEAD = 512;

	@SuppressWarnings("unchecked")
	private final Cache<String, Fingerprint>[] caches = new Cache[SqlDialect.values().length];

	private final long cacheBytes;

	private final SqlRules rules;

	/**
	 * Create a fingerprinter whose cache holds at most {@value #DEFAULT_CACHE_BYTES}
	 * bytes per dialect.
	 */
	public SqlFingerprinter() {
		this(DEFAULT_CACHE_BYTES);
	}

	/**
	 * Create a fingerprinter.
	 * @param cacheBytes the most bytes the cached fingerprints of one dialect take
	 */
	public SqlFingerprinter(long cacheBytes) {
		this(cacheBytes, SqlRules.DEFAULTS);
	}

	/**
	 * Create a fingerprinter that checks each new fingerprint against the {@code sql}
	 * rules.
	 * @param cacheBytes the most bytes the cached fingerprints of one dialect take
	 * @param rules the rules, applied once per computed fingerprint
	 */
	public SqlFingerprinter(long cacheBytes, SqlRules rules) {
		this.cacheBytes = cacheBytes;
		this.rules = rules;
	}

	/**
	 * Return the fingerprint of a statement in {@link SqlDialect#GENERIC generic} SQL.
	 * @param sql the SQL text
	 * @return the fingerprint
	 */
	public Fingerprint fingerprint(String sql) {
		return fingerprint(sql, SqlDialect.GENERIC);
	}

	/**
	 * Return the fingerprint of a statement, from the cache when it was seen before.
	 * @param sql the SQL text
	 * @param dialect the dialect of the database it runs on
	 * @return the fingerprint
	 */
	public Fingerprint fingerprint(String sql, SqlDialect dialect) {
		if (sql.length() > MAX_CACHED_LENGTH) {
			return compute(sql, dialect, this.rules);
		}
		Cache<String, Fingerprint> cache = cache(dialect);
		Fingerprint fingerprint = cache.getIfPresent(sql);
		if (fingerprint == null) {
			fingerprint = compute(sql, dialect, this.rules);
			cache.put(sql, fingerprint);
		}
		return fingerprint;
	}

	private Cache<String, Fingerprint> cache(SqlDialect dialect) {
		Cache<String, Fingerprint> cache = this.caches[dialect.ordinal()];
		if (cache == null) {
			synchronized (this.caches) {
				cache = this.caches[dialect.ordinal()];
				if (cache == null) {
					cache = Caffeine.newBuilder()
						.maximumWeight(this.cacheBytes)
						.weigher(SqlFingerprinter::weigh)
						.executor(Runnable::run)
						.build();
					this.caches[dialect.ordinal()] = cache;
				}
			}
		}
		return cache;
	}

	static int weigh(String sql, Fingerprint fingerprint) {
		// Two bytes a character at most
		return ENTRY_OVERHEAD + 2 * (sql.length() + fingerprint.sql().length()) + 64 * fingerprint.tables().size()
				+ 16 * fingerprint.rules().size();
	}

	/**
	 * Compute a fingerprint of generic SQL without the cache.
	 * @param sql the SQL text
	 * @return the fingerprint
	 */
	public static Fingerprint compute(String sql) {
		return compute(sql, SqlDialect.GENERIC);
	}

	/**
	 * Compute a fingerprint without the cache.
	 * @param sql the SQL text
	 * @param dialect the dialect of the database it runs on
	 * @return the fingerprint
	 */
	public static Fingerprint compute(String sql, SqlDialect dialect) {
		return compute(sql, dialect, SqlRules.DEFAULTS);
	}

	/**
	 * Compute a fingerprint without the cache, checking it against the {@code sql} rules.
	 * @param sql the SQL text
	 * @param dialect the dialect of the database it runs on
	 * @param rules the rules
	 * @return the fingerprint
	 */
	public static Fingerprint compute(String sql, SqlDialect dialect, SqlRules rules) {
		try {
			SqlNormalizer normalized = SqlNormalizer.normalize(sql, dialect);
			String text = normalized.sql();
			return new Fingerprint(id(text), text, normalized.operation(),
					Collections.unmodifiableSet(new LinkedHashSet<>(normalized.tables())),
					Collections.unmodifiableSet(new LinkedHashSet<>(normalized.writtenTables())),
					normalized.batchFetch(), check(rules, text, normalized));
		}
		catch (RuntimeException | StackOverflowError ex) {
			return unnormalized(sql);
		}
	}

	private static List<Rule> check(SqlRules rules, String text, SqlNormalizer normalized) {
		try {
			return rules.check(text, normalized.facts());
		}
		catch (RuntimeException | StackOverflowError ex) {
			// A rule that cannot judge a statement must not cost it its fingerprint
			return List.of();
		}
	}

	/**
	 * Return the fingerprint of a statement the normalizer failed on: a marker and a hash
	 * of the text, never the text, which may hold literals.
	 * @param sql the SQL text
	 * @return the fingerprint
	 */
	static Fingerprint unnormalized(String sql) {
		String id = id(sql.substring(0, Math.min(sql.length(), SqlNormalizer.MAX_LENGTH)));
		return new Fingerprint(id, "/* statement not normalized, hash " + id + " */", Operation.OTHER, Set.of(),
				Set.of(), false);
	}

	static String id(String normalized) {
		return Sha256Ids.of(normalized, 8);
	}

}
