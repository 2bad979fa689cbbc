package io.github.dbperf.cache;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.expression.Expression;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.util.StringUtils;

/**
 * One {@link CachedQuery} method, checked and parsed once at startup: its descriptor and
 * its key, condition and veto expressions.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class CachedQueryOperation {

	private static final ExpressionParser parser = new SpelExpressionParser();

	private static final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	private static final Object[] NO_VALUES = {};

	private final CacheDescriptor descriptor;

	private final @Nullable Expression key;

	private final @Nullable Expression condition;

	private final @Nullable Expression unless;

	private CacheStatistics statistics = new CacheStatistics();

	private CachedQueryOperation(CacheDescriptor descriptor, @Nullable Expression key, @Nullable Expression condition,
			@Nullable Expression unless) {
		this.descriptor = descriptor;
		this.key = key;
		this.condition = condition;
		this.unless = unless;
	}

	/**
	 * Check and parse an annotated method.
	 * @param method the method
	 * @param annotation its annotation
	 * @param defaultTtl the time to live when the annotation sets none
	 * @return the operation
	 * @throws InvalidCachedQueryException when the method cannot be cached as declared
	 */
	public static CachedQueryOperation of(Method method, CachedQuery annotation, Duration defaultTtl) {
		if (method.getReturnType() == void.class) {
			throw new InvalidCachedQueryException(method, "it returns nothing", "Remove @CachedQuery.");
		}
		String entity = entityIn(method.getGenericReturnType());
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
		return new CachedQueryOperation(descriptor, expression(method, "key", annotation.key()),
				expression(method, "condition", annotation.condition()),
				expression(method, "unless", annotation.unless()));
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

	private static @Nullable String entityIn(Type type) {
		if (type instanceof Class<?> type1) {
			if (type1.isArray()) {
				return entityIn(type1.getComponentType());
			}
			for (java.lang.annotation.Annotation annotation : type1.getAnnotations()) {
				String name = annotation.annotationType().getName();
				if (name.equals("jakarta.persistence.Entity") || name.equals("javax.persistence.Entity")) {
					return type1.getSimpleName();
				}
			}
			for (Class<?> candidate = type1; candidate != null; candidate = candidate.getSuperclass()) {
				for (Class<?> contract : candidate.getInterfaces()) {
					if (contract.getName().equals("org.hibernate.proxy.HibernateProxy")) {
						return type1.getSimpleName();
					}
				}
			}
			return null;
		}
		if (type instanceof ParameterizedType parameterized) {
			for (Type argument : parameterized.getActualTypeArguments()) {
				String entity = entityIn(argument);
				if (entity != null) {
					return entity;
				}
			}
			return entityIn(parameterized.getRawType());
		}
		if (type instanceof GenericArrayType array) {
			return entityIn(array.getGenericComponentType());
		}
		if (type instanceof WildcardType wildcard) {
			for (Type bound : wildcard.getUpperBounds()) {
				String entity = entityIn(bound);
				if (entity != null) {
					return entity;
				}
			}
		}
		return null;
	}

	private static String version(Method method) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest((method.toGenericString() + "|" + method.getGenericReturnType().getTypeName())
					.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 4);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return the descriptor the tiers see.
	 * @return the descriptor
	 */
	public CacheDescriptor descriptor() {
		return this.descriptor;
	}

	/**
	 * Return the statistics of this operation's cache.
	 * @return the statistics
	 */
	public CacheStatistics statistics() {
		return this.statistics;
	}

	void useStatistics(CacheStatistics statistics) {
		this.statistics = statistics;
	}

	boolean applies(Object target, Object[] arguments) {
		return this.condition == null
				|| Boolean.TRUE.equals(this.condition.getValue(context(target, arguments, null), Boolean.class));
	}

	boolean vetoes(Object target, Object[] arguments, @Nullable Object result) {
		return this.unless != null
				&& Boolean.TRUE.equals(this.unless.getValue(context(target, arguments, result), Boolean.class));
	}

	CacheKey key(Object target, Object[] arguments) {
		if (this.key == null) {
			return new CacheKey(this.descriptor.name(), this.descriptor.version(),
					(arguments.length > 0) ? arguments : NO_VALUES);
		}
		Object value = this.key.getValue(context(target, arguments, null));
		return new CacheKey(this.descriptor.name(), this.descriptor.version(), new Object[] { value });
	}

	/**
	 * Build the key for explicit key values, as {@link QueryCacheManager#evict} does.
	 * @param values the key values: the arguments, or the key expression's value
	 * @return the key
	 */
	CacheKey keyOf(Object[] values) {
		return new CacheKey(this.descriptor.name(), this.descriptor.version(), values);
	}

	private MethodBasedEvaluationContext context(Object target, Object[] arguments, @Nullable Object result) {
		MethodBasedEvaluationContext context = new MethodBasedEvaluationContext(target, this.descriptor.method(),
				arguments, parameterNames);
		context.setVariable("result", result);
		return context;
	}

}
