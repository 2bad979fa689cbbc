package io.github.dbperf.cache;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import io.github.dbperf.context.DbperfFailures;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * Serves {@link CachedQuery} methods: a hit returns a copy of the cached value (the value
 * itself when immutable), so no caller sees another's changes; concurrent misses for one
 * key run the method once (single flight) and each gets its own copy of the result; a
 * call whose key cannot be built exactly runs the method without the cache; the tables
 * the computation read are recorded so writes to them evict it. With an early-refresh
 * beta, a hit close to expiry occasionally recomputes first (XFetch), so hot keys do not
 * expire for every caller at once.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class CachedQueryInterceptor implements MethodInterceptor {

	private final CachedQueryOperations operations;

	private final CacheTier tier;

	private final TableInvalidator invalidator;

	private final double earlyRefreshBeta;

	private final DoubleSupplier random;

	private final Map<CacheKey, CompletableFuture<@Nullable Object>> flights = new ConcurrentHashMap<>();

	/**
	 * Create a new interceptor.
	 * @param operations the annotated methods
	 * @param tier where values live
	 * @param invalidator tracks reads and writes
	 * @param earlyRefreshBeta XFetch's beta, 0 for no early refresh
	 */
	public CachedQueryInterceptor(CachedQueryOperations operations, CacheTier tier, TableInvalidator invalidator,
			double earlyRefreshBeta) {
		this(operations, tier, invalidator, earlyRefreshBeta, () -> ThreadLocalRandom.current().nextDouble());
	}

	/**
	 * Create a new interceptor.
	 * @param operations the annotated methods
	 * @param tier where values live
	 * @param invalidator tracks reads and writes
	 * @param earlyRefreshBeta XFetch's beta, 0 for no early refresh
	 * @param random XFetch's uniform random source in [0, 1)
	 */
	CachedQueryInterceptor(CachedQueryOperations operations, CacheTier tier, TableInvalidator invalidator,
			double earlyRefreshBeta, DoubleSupplier random) {
		this.operations = operations;
		this.tier = tier;
		this.invalidator = invalidator;
		this.earlyRefreshBeta = earlyRefreshBeta;
		this.random = random;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Method method = invocation.getMethod();
		Object target = invocation.getThis();
		CachedQueryOperation operation = (target != null) ? this.operations.get(method, target.getClass()) : null;
		Object[] arguments = invocation.getArguments();
		if (operation == null || !operation.applies(target, arguments)) {
			return invocation.proceed();
		}
		CacheDescriptor cache = operation.descriptor();
		CacheStatistics statistics = operation.statistics();
		CacheKey key = operation.key(target, arguments);
		if (key == null) {
			return invocation.proceed();
		}
		CachedValue cached = this.tier.get(cache, key);
		if (cached != null && !refreshEarly(cached)) {
			Object copy = operation.copyOfHit(cached.value());
			if (copy != CachedQueryOperation.NOT_COPIED) {
				statistics.hits.increment();
				return copy;
			}
			cached = null;
		}
		if (cached != null) {
			statistics.earlyRefreshes.increment();
		}
		statistics.misses.increment();
		return load(invocation, operation, statistics, key);
	}

	private boolean refreshEarly(CachedValue cached) {
		if (this.earlyRefreshBeta <= 0) {
			return false;
		}
		double deltaMillis = cached.computeNanos() / 1_000_000.0;
		double random = this.random.getAsDouble();
		return System.currentTimeMillis() - deltaMillis * this.earlyRefreshBeta * Math.log(random) >= cached
			.expiresAtMillis();
	}

	private @Nullable Object load(MethodInvocation invocation, CachedQueryOperation operation,
			CacheStatistics statistics, CacheKey key) throws Throwable {
		CompletableFuture<@Nullable Object> flight = new CompletableFuture<>();
		CompletableFuture<@Nullable Object> running = this.flights.putIfAbsent(key, flight);
		if (running != null) {
			Object shared = await(running);
			if (shared != CachedQueryOperation.NOT_COPIED) {
				try {
					return operation.copy(shared);
				}
				catch (RuntimeException ex) {
					operation.copyFailed(ex);
				}
			}
			return invocation.proceed();
		}
		try {
			return compute(invocation, operation, statistics, key, flight);
		}
		catch (Throwable ex) {
			// Does nothing when compute completed it already
			flight.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.flights.remove(key, flight);
		}
	}

	/**
	 * Run the method and cache its result. The flight is completed, before the caller
	 * gets its result back, with a copy nobody else holds (the tier's copy when it is
	 * cached), for the waiting callers to copy: the caller may change its result as soon
	 * as it has it.
	 */
	private @Nullable Object compute(MethodInvocation invocation, CachedQueryOperation operation,
			CacheStatistics statistics, CacheKey key, CompletableFuture<@Nullable Object> flight) throws Throwable {
		CacheDescriptor cache = operation.descriptor();
		TableInvalidator.Reading reading = this.invalidator.beginReading();
		long started = System.nanoTime();
		Object result;
		Set<String> tables;
		try {
			result = invocation.proceed();
		}
		catch (Throwable ex) {
			statistics.errors.increment();
			throw ex;
		}
		finally {
			tables = this.invalidator.endReading(reading);
		}
		long computeNanos = System.nanoTime() - started;
		statistics.loads.increment();
		statistics.loadNanos.add(computeNanos);
		if ((result == null && !cache.cacheNull())
				|| operation.vetoes(invocation.getThis(), invocation.getArguments(), result)
				|| (cache.autoInvalidate() && !this.invalidator.isUnchangedSince(tables, reading.since()))) {
			flight.complete(copyOrNotCopied(operation, result));
			return result;
		}
		// The caller keeps its result; the tier keeps a copy nobody else holds
		Object stored = copyOrNotCopied(operation, result);
		flight.complete(stored);
		if (stored == CachedQueryOperation.NOT_COPIED) {
			return result;
		}
		try {
			long now = System.currentTimeMillis();
			this.tier.put(cache, key, new CachedValue(stored, now, now + cache.ttl().toMillis(), computeNanos, tables));
			statistics.puts.increment();
			if (cache.autoInvalidate() && !this.invalidator.isUnchangedSince(tables, reading.since())) {
				// A write committed between the check and the put
				statistics.evictions.add(this.tier.evict(cache, key));
			}
		}
		catch (RuntimeException ex) {
			DbperfFailures.swallow("caching " + cache.name(), ex);
		}
		return result;
	}

	private static @Nullable Object copyOrNotCopied(CachedQueryOperation operation, @Nullable Object result) {
		try {
			return operation.copy(result);
		}
		catch (RuntimeException ex) {
			operation.copyFailed(ex);
			return CachedQueryOperation.NOT_COPIED;
		}
	}

	private static @Nullable Object await(CompletableFuture<@Nullable Object> running) throws Throwable {
		try {
			return running.get();
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() != null) ? ex.getCause() : ex;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw ex;
		}
	}

}
