package io.github.dbperf.autoconfigure.cache;

import io.github.dbperf.autoconfigure.InvalidDbperfPropertyException;
import io.github.dbperf.autoconfigure.PropertyChecks;
import io.github.dbperf.cache.CacheTier;
import io.github.dbperf.cache.CaffeineCacheTier;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The local tier, when no Redis tier was configured.
 *
 * @author dbperf
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMissingBean(CacheTier.class)
class CaffeineTierConfiguration {

	@Bean
	CaffeineCacheTier dbperfCacheTier(CacheProperties properties) {
		CacheProperties.CacheType type = properties.getType();
		if (type == CacheProperties.CacheType.REDIS || type == CacheProperties.CacheType.TWO_LEVEL) {
			throw new InvalidDbperfPropertyException("dbperf.cache.type", PropertyChecks.format(type),
					"auto or caffeine, since there is no RedisConnectionFactory bean (add spring-boot-starter-data-redis"
							+ " and configure spring.data.redis.* for redis or two-level)");
		}
		return new CaffeineCacheTier(properties.getLocal().getMaximumSize());
	}

}
