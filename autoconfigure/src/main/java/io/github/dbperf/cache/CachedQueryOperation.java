package io.github.dbperf.cache;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.dbperf.sql.Sha256Ids;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.ResolvableType;
import org.springframework.expression.Expression;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.util.StringUtils;

/**
 * One {@link CachedQuery} method, checked and parsed once at startup: its descriptor, its
 * key, condition and veto expressions, and how its results are copied. A call whose key,
 * condition or veto cannot be evaluated exactly runs the method without the cache,
 * counted as a skip and logged once.
 *
 * @author dbperf
 * @since 0.1.0
 */
final class CachedQueryOperation {

	private static final ExpressionParser parser = new SpelExpressionParser();

	private static final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	private static final Log logger = LogFactory.getLog(CachedQueryOperation.class);

	private static final Object[] NO_VALUES = {};

	/**
	 * What {@link #copyOfHit} returns when a cached value cannot be copied, and what
	 * callers waiting for a load get when its result could not be copied.
	 */
	static final Object NOT_COPIED = new Object();

	private final CacheDescriptor descriptor;

	private final @Nullable Expression key;

	private final @Nullable Expression condition;

	private final @Nullable Expression unless;

	private final boolean scalarArguments;

	private final ResultCopier copier;

	private final AtomicBoolean skipLogged = new AtomicBoolean();

	private final AtomicBoolean copyLogged = new AtomicBoolean();

	private CacheStatistics statistics = new CacheStatistics();

	private CachedQueryOperation(CacheDescriptor descriptor, @Nullable Expression key, @Nullable Expression condition,
			@Nullable Expression unless, boolean scalarArguments, ResultCopier copier) {
		this.descriptor = descriptor;
		this.key = key;
		this.condition = condition;
		this.unless = unless;
		this.scalarArguments = scalarArguments;
		this.copier = copier;
	}

	/**
	 * Check and parse an annotated method.
	 * @param method the method
	 * @param annotation its annotation
	 * @param defaultTtl the time to live when the annotation sets none
	 * @return the operation
	 * @throws InvalidCachedQueryException when the method cannot be cached as declared
	 */
	static CachedQueryOperation of(Method method, CachedQuery annotation, Duration defaultTtl) {
		if (method.getReturnType() == void.class) {
			throw new InvalidCachedQueryException(method, "it returns nothing", "Remove @CachedQuery.");
		}
		ResolvableType returnType = ResolvableType.forMethodReturnType(method);
		String entity = entityIn(returnType, new HashSet<>());
		if (entity != null) {
			throw new InvalidCachedQueryException(method,
					"its result holds the JPA entity " + entity
							+ ", which is attached to a session, lazy-loads and may hold Hibernate proxies",
					"Cache a DTO or a projection (a record with the fields you need) instead of the entity.");
		}
		Duration ttl = ttl(method, annotation.ttl(), defaultTtl);
		String name = StringUtils.hasText(annotation.name()) ? annotation.name()
				: method.getDeclaringClass().getSimpleName() + "." + method.getName();
		CacheDescriptor descriptor = new CacheDescriptor(name, method, method.getGenericReturnType(), ttl,
				version(method), annotation.cacheNull(), annotation.autoInvalidate());
		Expression key = expression(method, "key", annotation.key());
		if (key == null) {
			checkKeyParameters(method);
		}
		return new CachedQueryOperation(descriptor, key, expression(method, "condition", annotation.condition()),
				expression(method, "unless", annotation.unless()), key == null && scalarParameters(method),
				ResultCopier.of(returnType));
	}

	private static void checkKeyParameters(Method method) {
		String[] names = parameterNames.getParameterNames(method);
		for (int i = 0; i < method.getParameterCount(); i++) {
			String problem = KeyTypes.problem(ResolvableType.forMethodParameter(method, i));
			if (problem != null) {
				String name = (names != null) ? names[i] : "p" + i;
				throw new InvalidCachedQueryException(method,
						"parameter '" + name + "' (" + method.getParameterTypes()[i].getSimpleName()
								+ ") cannot be part of the cache key exactly: " + problem
								+ ", so arguments that are not equal could share an entry",
						"Set key = \"...\" to a SpEL expression that picks exact parts, such as key = \"#" + name
								+ ".tenant() + ':' + #" + name
								+ ".name()\", or make the parameter a record of JDK value types, enums, records and"
								+ " lists, sets or maps of them.");
			}
		}
	}

	private static boolean scalarParameters(Method method) {
		for (Class<?> type : method.getParameterTypes()) {
			if (!KeyTypes.isScalar(type)) {
				return false;
			}
		}
		return true;
	}

	private static Duration ttl(Method method, String text, Duration defaultTtl) {
		if (!StringUtils.hasText(text)) {
			return defaultTtl;
		}
		Duration ttl;
		try {
			ttl = DurationStyle.detectAndParse(text.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidCachedQueryException(method, "ttl '" + text + "' is not a duration",
					"Set ttl to a duration such as \"60s\", \"10m\" or \"PT1H\".");
		}
		if (ttl.isNegative() || ttl.isZero()) {
			throw new InvalidCachedQueryException(method, "ttl '" + text + "' is not positive",
					"Set ttl to a positive duration such as \"60s\".");
		}
		if (ttl.compareTo(CachedQueryOperations.MAX_TTL) > 0) {
			String max = CachedQueryOperations.MAX_TTL.toDays() + "d";
			throw new InvalidCachedQueryException(method, "ttl '" + text + "' is longer than " + max,
					"Set ttl to a positive duration of at most " + max + ".");
		}
		return ttl;
	}

	private static @Nullable Expression expression(Method method, String attribute, String text) {
		if (!StringUtils.hasText(text)) {
			return null;
		}
		try {
			return parser.parseExpression(text);
		}
		catch (ParseException ex) {
			throw new InvalidCachedQueryException(method,
					attribute + " expression '" + text + "' does not parse: " + ex.getSimpleMessage(),
					"Fix the SpEL expression; arguments are #name, #p0 or #a0"
							+ (attribute.equals("unless") ? ", the result is #result." : "."));
		}
	}

	private static @Nullable String entityIn(ResolvableType type, Set<Type> visiting) {
		Type declared = type.getType();
		if (type == ResolvableType.NONE || !visiting.add(declared)) {
			return null;
		}
		if (declared instanceof TypeVariable<?> variable) {
			// Its bounds, then what it resolves to below
			String entity = entityInBounds(variable.getBounds(), type, visiting);
			if (entity != null) {
				return entity;
			}
		}
		if (declared instanceof WildcardType wildcard) {
			String entity = entityInBounds(wildcard.getLowerBounds(), type, visiting);
			return (entity != null) ? entity : entityInBounds(wildcard.getUpperBounds(), type, visiting);
		}
		if (type.isArray()) {
			return entityIn(type.getComponentType(), visiting);
		}
		for (ResolvableType generic : type.getGenerics()) {
			String entity = entityIn(generic, visiting);
			if (entity != null) {
				return entity;
			}
		}
		Class<?> raw = type.resolve();
		return (raw != null) ? entityClass(raw) : null;
	}

	private static @Nullable String entityInBounds(Type[] bounds, ResolvableType owner, Set<Type> visiting) {
		for (Type bound : bounds) {
			String entity = entityIn(ResolvableType.forType(bound, owner), visiting);
			if (entity != null) {
				return entity;
			}
		}
		return null;
	}

	private static @Nullable String entityClass(Class<?> type) {
		if (type.isArray()) {
			return entityClass(type.getComponentType());
		}
		for (java.lang.annotation.Annotation annotation : type.getAnnotations()) {
			String name = annotation.annotationType().getName();
			if (name.equals("jakarta.persistence.Entity") || name.equals("javax.persistence.Entity")) {
				return type.getSimpleName();
			}
		}
		for (Class<?> candidate = type; candidate != null; candidate = candidate.getSuperclass()) {
			for (Class<?> contract : candidate.getInterfaces()) {
				if (contract.getName().equals("org.hibernate.proxy.HibernateProxy")) {
					return type.getSimpleName();
				}
			}
		}
		return null;
	}

	private static String version(Method method) {
		return Sha256Ids.of(method.toGenericString() + "|" + method.getGenericReturnType().getTypeName(), 4);
	}

	/**
	 * Return the descriptor the tiers see.
	 * @return the descriptor
	 */
	CacheDescriptor descriptor() {
		return this.descriptor;
	}

	/**
	 * Return the statistics of this operation's cache.
	 * @return the statistics
	 */
	CacheStatistics statistics() {
		return this.statistics;
	}

	void useStatistics(CacheStatistics statistics) {
		this.statistics = statistics;
	}

	/**
	 * Return whether the cache is used for a call: its condition holds and it can be
	 * evaluated.
	 */
	boolean applies(Object target, Object[] arguments) {
		if (this.condition == null) {
			return true;
		}
		try {
			return Boolean.TRUE.equals(this.condition.getValue(context(target, arguments, null), Boolean.class));
		}
		catch (RuntimeException ex) {
			skipped("its condition could not be evaluated", ex);
			return false;
		}
	}

	/**
	 * Return whether a result stays out of the cache: its veto holds or cannot be
	 * evaluated.
	 */
	boolean vetoes(Object target, Object[] arguments, @Nullable Object result) {
		if (this.unless == null) {
			return false;
		}
		try {
			return Boolean.TRUE.equals(this.unless.getValue(context(target, arguments, result), Boolean.class));
		}
		catch (RuntimeException ex) {
			skipped("its unless expression could not be evaluated", ex);
			return true;
		}
	}

	/**
	 * Return the key of a call.
	 * @return the key, or {@code null} when it cannot be built exactly and the call must
	 * skip the cache
	 */
	@Nullable CacheKey key(Object target, Object[] arguments) {
		if (this.scalarArguments) {
			// Scalars are exact and encode without failing: the hit path stays small
			return new CacheKey(this.descriptor.name(), this.descriptor.version(),
					(arguments.length > 0) ? arguments : NO_VALUES);
		}
		return exactKey(target, arguments);
	}

	private @Nullable CacheKey exactKey(Object target, Object[] arguments) {
		String name = this.descriptor.name();
		String version = this.descriptor.version();
		try {
			Object[] values = (this.key != null) ? new Object[] { this.key.getValue(context(target, arguments, null)) }
					: arguments;
			return CacheKey.exact(name, version, values);
		}
		catch (RuntimeException ex) {
			skipped("its key could not be built exactly", ex);
			return null;
		}
	}

	/**
	 * Copy a result, so that callers never share a mutable value.
	 * @param value the result
	 * @return the copy, the value itself when it is immutable
	 * @throws RuntimeException when it cannot be copied
	 */
	@Nullable Object copy(@Nullable Object value) {
		return this.copier.copy(value);
	}

	/**
	 * Copy a cached value for a hit.
	 * @param value the cached value
	 * @return the copy, or {@link #NOT_COPIED} (logged once) when it cannot be copied and
	 * the call must be served as a miss
	 */
	@Nullable Object copyOfHit(@Nullable Object value) {
		try {
			return this.copier.copy(value);
		}
		catch (RuntimeException ex) {
			copyFailed(ex);
			return NOT_COPIED;
		}
	}

	/**
	 * Note that a result could not be copied, so it was not cached or not served from the
	 * cache; logged once.
	 * @param ex the failure
	 */
	void copyFailed(RuntimeException ex) {
		if (this.copyLogged.compareAndSet(false, true)) {
			// Never the exception's message: it may hold values of the result
			String reason = (ex instanceof ResultCopier.NotCopyableException) ? ex.getMessage()
					: ex.getClass().getName();
			logger.warn("A result of @CachedQuery " + InvalidCachedQueryException.describe(this.descriptor.method())
					+ " could not be copied (" + reason + "), so it is not cached; return a record"
					+ " or a DTO that JSON can write and read, without cycles. Logged once");
		}
	}

	private void skipped(String problem, RuntimeException ex) {
		this.statistics.skips.increment();
		if (this.skipLogged.compareAndSet(false, true)) {
			// Never the exception's message: it may hold argument values
			String reason = (ex instanceof CanonicalKeys.NotExactException) ? ex.getMessage() : ex.getClass().getName();
			logger.warn("@CachedQuery " + InvalidCachedQueryException.describe(this.descriptor.method())
					+ " ran without" + " the cache because " + problem + " (" + reason
					+ "); such calls are counted as skips" + " and this is logged once");
		}
	}

	/**
	 * Build the key for explicit key values, as {@link QueryCacheManager#evict} does.
	 * @param values the key values: the arguments, or the key expression's value
	 * @return the key
	 */
	CacheKey keyOf(Object[] values) {
		try {
			return CacheKey.exact(this.descriptor.name(), this.descriptor.version(), values);
		}
		catch (CanonicalKeys.NotExactException ex) {
			throw new IllegalArgumentException(
					"Key values of " + this.descriptor.name() + " are not exact: " + ex.getMessage());
		}
	}

	private MethodBasedEvaluationContext context(Object target, Object[] arguments, @Nullable Object result) {
		MethodBasedEvaluationContext context = new MethodBasedEvaluationContext(target, this.descriptor.method(),
				arguments, parameterNames);
		context.setVariable("result", result);
		return context;
	}

}
