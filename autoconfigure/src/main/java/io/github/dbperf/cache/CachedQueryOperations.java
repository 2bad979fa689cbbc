package io.github.dbperf.cache;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * The {@link CachedQuery} methods of the application, checked when their beans are
 * created so that a bad declaration stops startup, and their statistics.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class CachedQueryOperations {

	/**
	 * The longest time to live, for annotations and the default: long enough for any
	 * cache, short enough that expiry times never overflow.
	 */
	public static final Duration MAX_TTL = Duration.ofDays(365);

	private final Duration defaultTtl;

	private final Map<Method, Optional<CachedQueryOperation>> byMethod = new ConcurrentHashMap<>();

	private final Map<String, CachedQueryOperation> byName = new ConcurrentHashMap<>();

	private final Map<String, CacheStatistics> statistics = new ConcurrentHashMap<>();

	private volatile BiConsumer<String, CacheStatistics> onNewCache = (name, statistics) -> {
	};

	/**
	 * Create a new registry.
	 * @param defaultTtl the time to live of methods that set none
	 */
	public CachedQueryOperations(Duration defaultTtl) {
		this.defaultTtl = defaultTtl;
	}

	/**
	 * Check every annotated method of a bean class.
	 * @param type the bean class
	 * @throws InvalidCachedQueryException when one cannot work
	 */
	public void register(Class<?> type) {
		Class<?> userType = ClassUtils.getUserClass(type);
		ReflectionUtils.doWithMethods(userType, (method) -> resolve(method, userType),
				(method) -> AnnotatedElementUtils.hasAnnotation(method, CachedQuery.class));
	}

	/**
	 * Return whether a class declares annotated methods.
	 * @param type the class
	 * @return whether it has any
	 */
	public static boolean hasCachedQueries(Class<?> type) {
		boolean[] found = new boolean[1];
		ReflectionUtils.doWithMethods(ClassUtils.getUserClass(type), (method) -> found[0] = true,
				(method) -> !found[0] && AnnotatedElementUtils.hasAnnotation(method, CachedQuery.class));
		return found[0];
	}

	@Nullable CachedQueryOperation get(Method method, Class<?> targetClass) {
		Optional<CachedQueryOperation> operation = this.byMethod.get(method);
		if (operation == null) {
			operation = Optional.ofNullable(resolve(method, targetClass));
			this.byMethod.put(method, operation);
		}
		return operation.orElse(null);
	}

	private @Nullable CachedQueryOperation resolve(Method method, Class<?> targetClass) {
		Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
		CachedQuery annotation = AnnotatedElementUtils.findMergedAnnotation(specific, CachedQuery.class);
		if (annotation == null) {
			annotation = AnnotatedElementUtils.findMergedAnnotation(method, CachedQuery.class);
		}
		if (annotation == null) {
			return null;
		}
		CachedQueryOperation operation = CachedQueryOperation.of(specific, annotation, this.defaultTtl);
		operation.useStatistics(statistics(operation.descriptor().name()));
		if (this.byName.putIfAbsent(operation.descriptor().name(), operation) == null) {
			this.onNewCache.accept(operation.descriptor().name(), operation.statistics());
		}
		return operation;
	}

	/**
	 * Set what to do when a cache is first seen, such as registering its meters; called
	 * at once for the caches seen so far.
	 * @param onNewCache the callback, given the cache name and its statistics
	 */
	public void onNewCache(BiConsumer<String, CacheStatistics> onNewCache) {
		this.onNewCache = onNewCache;
		all().forEach((operation) -> onNewCache.accept(operation.descriptor().name(), operation.statistics()));
	}

	/**
	 * Return the statistics of a cache.
	 * @param name the cache name
	 * @return the statistics
	 */
	CacheStatistics statistics(String name) {
		return this.statistics.computeIfAbsent(name, (key) -> new CacheStatistics());
	}

	/**
	 * Return an operation by cache name.
	 * @param name the cache name
	 * @return the operation, or {@code null}
	 */
	@Nullable CachedQueryOperation named(String name) {
		return this.byName.get(name);
	}

	/**
	 * Return every known operation, one per cache name.
	 * @return the operations
	 */
	List<CachedQueryOperation> all() {
		List<CachedQueryOperation> all = new ArrayList<>(this.byName.values());
		all.sort((a, b) -> a.descriptor().name().compareTo(b.descriptor().name()));
		return all;
	}

}
