package io.github.dbperf.cache;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.time.Duration;

/**
 * One {@code @CachedQuery} method as the tiers see it.
 *
 * @param name the cache name
 * @param method the annotated method
 * @param returnType the method's generic return type, used to read JSON back
 * @param ttl how long entries live
 * @param version the payload version: a hash of the method signature and generic return
 * type, part of every key so that changed types never meet old entries
 * @param cacheNull whether {@code null} results are cached
 * @param autoInvalidate whether writes to the tables it read evict its entries
 * @author dbperf
 * @since 0.1.0
 */
public record CacheDescriptor(String name, Method method, Type returnType, Duration ttl, String version,
		boolean cacheNull, boolean autoInvalidate) {

}
