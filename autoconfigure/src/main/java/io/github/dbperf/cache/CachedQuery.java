package io.github.dbperf.cache;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Caches a bean method's result for a time to live, on the configured tier (Caffeine,
 * Redis or both), and evicts it when a committed transaction writes a table the method
 * read. Cache a DTO or projection, never JPA entities.
 *
 * <pre class="code">
 * &#64;CachedQuery(ttl = "10m")
 * public List&lt;CategoryView&gt; categories() { ... }
 * </pre>
 *
 * @author dbperf
 * @since 0.1.0
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CachedQuery {

	/**
	 * The cache name; defaults to {@code SimpleClassName.method}.
	 * @return the name
	 */
	String name() default "";

	/**
	 * How long an entry lives, such as {@code 60s}, {@code 10m} or {@code PT1H}, at most
	 * {@code 365d}; defaults to {@code dbperf.cache.default-ttl}.
	 * @return the time to live
	 */
	String ttl() default "";

	/**
	 * A SpEL expression for the key, over the arguments ({@code #name}, {@code #p0},
	 * {@code #a0}); defaults to all arguments. Key parts must be exact, so that arguments
	 * that are not {@code equals} never share an entry: JDK value types, enums, records
	 * of exact types, and lists, sets, maps, arrays and {@code Optional}s of them.
	 * Without an expression, any other parameter type stops startup; with one, pick exact
	 * parts such as {@code key = "#filter.tenant() + ':' + #filter.name()"}. A call whose
	 * key is not exact at run time runs the method without the cache.
	 * @return the key expression
	 */
	String key() default "";

	/**
	 * A SpEL expression that must be true for the cache to be used at all.
	 * @return the condition
	 */
	String condition() default "";

	/**
	 * A SpEL expression over the result ({@code #result}) that, when true, keeps the
	 * result out of the cache.
	 * @return the veto
	 */
	String unless() default "";

	/**
	 * Whether a {@code null} result is cached.
	 * @return whether to cache {@code null}
	 */
	boolean cacheNull() default false;

	/**
	 * Whether committed writes to the tables the method read evict its entries.
	 * @return whether to invalidate automatically
	 */
	boolean autoInvalidate() default true;

}
