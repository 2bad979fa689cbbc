package io.github.dbperf.cache;

import java.lang.reflect.Type;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.TypeFactory;

import org.springframework.util.ClassUtils;

/**
 * Writes cached values as JSON and reads them back with the method's declared generic
 * return type: no type information in the payload, no Java serialization. A value that
 * cannot be written is not cached; a payload that is not what dbperf wrote is a miss.
 * Both are logged once per cache.
 *
 * @author dbperf
 * @since 0.1.0
 */
final class RedisValueCodec {

	private final JsonMapper mapper = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
		.build();

	private final Map<Type, JavaType> types = new ConcurrentHashMap<>();

	private final OnceLog log;

	RedisValueCodec(OnceLog log) {
		this.log = log;
	}

	@Nullable String write(CacheDescriptor cache, CachedValue value) {
		try {
			return this.mapper.writeValueAsString(new Envelope<>(cache.version(), value.createdAtMillis(),
					value.expiresAtMillis(), value.computeNanos(), value.tables(), value.value()));
		}
		catch (RuntimeException ex) {
			this.log.warn("write:" + cache.name(), "The result of " + cache.name()
					+ " cannot be written as JSON, so it is not cached in Redis: " + ex.getClass().getSimpleName());
			return null;
		}
	}

	@Nullable CachedValue read(CacheDescriptor cache, byte[] payload) {
		try {
			Envelope<?> envelope = this.mapper.readValue(payload, envelopeType(cache));
			if (!cache.version().equals(envelope.version())) {
				throw new IllegalStateException("payload version is not " + cache.version());
			}
			if (envelope.value() == null && (!cache.cacheNull() || isPrimitive(cache.returnType()))) {
				this.log.warn("null:" + cache.name(), "An entry of " + cache.name()
						+ " in Redis holds null, which it does not cache (null results are not cached or it returns"
						+ " a primitive); it is treated as a miss");
				return null;
			}
			Set<String> tables = (envelope.tables() != null) ? envelope.tables() : Set.of();
			return new CachedValue(envelope.value(), envelope.created(), envelope.expires(), envelope.computeNanos(),
					tables);
		}
		catch (RuntimeException ex) {
			this.log.warn("read:" + cache.name(),
					"An entry of " + cache.name()
							+ " in Redis is not what dbperf wrote (tampered, foreign or from an older version); it is"
							+ " treated as a miss: " + ex.getClass().getSimpleName());
			return null;
		}
	}

	private static boolean isPrimitive(Type type) {
		return type instanceof Class<?> raw && raw.isPrimitive();
	}

	private JavaType envelopeType(CacheDescriptor cache) {
		return this.types.computeIfAbsent(cache.returnType(), (type) -> {
			Type boxed = (type instanceof Class<?> raw) ? ClassUtils.resolvePrimitiveIfNecessary(raw) : type;
			TypeFactory factory = this.mapper.getTypeFactory();
			return factory.constructParametricType(Envelope.class, factory.constructType(boxed));
		});
	}

	/**
	 * What is stored in Redis: the value with what is needed to expire, refresh and
	 * invalidate it, and the payload version it was written with.
	 *
	 * @param <T> the value type
	 * @param version the payload version
	 * @param created when the value was computed (epoch milliseconds)
	 * @param expires when it expires (epoch milliseconds)
	 * @param computeNanos how long the computation took
	 * @param tables the tables it read
	 * @param value the value
	 */
	record Envelope<T>(String version, long created, long expires, long computeNanos, @Nullable Set<String> tables,
			@Nullable T value) {

	}

}
