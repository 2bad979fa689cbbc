package io.github.dbperf.autoconfigure.cache;

import java.time.Duration;

import io.github.dbperf.autoconfigure.InvalidDbperfPropertyException;
import io.github.dbperf.autoconfigure.PropertyChecks;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties for {@code @CachedQuery}.
 *
 * @author dbperf
 * @since 0.1.0
 */
@ConfigurationProperties("dbperf.cache")
public class CacheProperties {

	/**
	 * Whether @CachedQuery methods are cached.
	 */
	private boolean enabled = true;

	/**
	 * Where values live: auto (redis when a RedisConnectionFactory bean exists, else
	 * caffeine), caffeine, redis or two-level.
	 */
	private CacheType type = CacheType.AUTO;

	/**
	 * Time to live of methods whose annotation sets none. At most 365d.
	 */
	private Duration defaultTtl = Duration.ofMinutes(10);

	/**
	 * XFetch beta for probabilistic early refresh of hot keys; 0 turns it off, 1 is the
	 * usual choice, larger refreshes earlier.
	 */
	private double earlyRefreshBeta = 0;

	private final Local local = new Local();

	private final Redis redis = new Redis();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public CacheType getType() {
		return this.type;
	}

	public void setType(CacheType type) {
		this.type = type;
	}

	public Duration getDefaultTtl() {
		return this.defaultTtl;
	}

	public void setDefaultTtl(Duration defaultTtl) {
		this.defaultTtl = PropertyChecks.duration("dbperf.cache.default-ttl", defaultTtl);
	}

	public double getEarlyRefreshBeta() {
		return this.earlyRefreshBeta;
	}

	public void setEarlyRefreshBeta(double earlyRefreshBeta) {
		if (!(earlyRefreshBeta >= 0 && earlyRefreshBeta <= 100)) {
			throw new InvalidDbperfPropertyException("dbperf.cache.early-refresh-beta",
					String.valueOf(earlyRefreshBeta), "0 (off) or a positive number up to 100, usually 1");
		}
		this.earlyRefreshBeta = earlyRefreshBeta;
	}

	public Local getLocal() {
		return this.local;
	}

	public Redis getRedis() {
		return this.redis;
	}

	/**
	 * Where values live.
	 */
	public enum CacheType {

		/**
		 * Redis when a RedisConnectionFactory bean exists, else Caffeine.
		 */
		AUTO,

		/**
		 * A local Caffeine cache.
		 */
		CAFFEINE,

		/**
		 * Redis, shared by every instance.
		 */
		REDIS,

		/**
		 * Caffeine in front of Redis; evictions reach the other instances through Redis
		 * pub/sub.
		 */
		TWO_LEVEL

	}

	/**
	 * The local tier.
	 */
	public static class Local {

		/**
		 * The most entries kept locally, across all caches.
		 */
		private long maximumSize = 10_000;

		public long getMaximumSize() {
			return this.maximumSize;
		}

		public void setMaximumSize(long maximumSize) {
			this.maximumSize = PropertyChecks.atLeast("dbperf.cache.local.maximum-size",
					(int) Math.min(maximumSize, Integer.MAX_VALUE), 1);
		}

	}

	/**
	 * The Redis tier.
	 */
	public static class Redis {

		/**
		 * Prefix of every key dbperf writes.
		 */
		private String keyPrefix = "dbperf:";

		/**
		 * Longest wait for one Redis command before the call goes to the method instead.
		 * At most 1m.
		 */
		private Duration commandTimeout = Duration.ofMillis(250);

		/**
		 * Consecutive Redis failures that open the circuit breaker.
		 */
		private int failureThreshold = 5;

		/**
		 * How long an open circuit breaker skips Redis before one probe is let through.
		 * At most 1h.
		 */
		private Duration openDuration = Duration.ofSeconds(10);

		/**
		 * How long the two-level tier waits before trying again to subscribe to its
		 * invalidation channel, at startup or after losing the subscription. At least
		 * 100ms. At most 1h.
		 */
		private Duration subscriptionRetryInterval = Duration.ofSeconds(10);

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		public Duration getCommandTimeout() {
			return this.commandTimeout;
		}

		public void setCommandTimeout(Duration commandTimeout) {
			this.commandTimeout = PropertyChecks.duration("dbperf.cache.redis.command-timeout", commandTimeout);
		}

		public int getFailureThreshold() {
			return this.failureThreshold;
		}

		public void setFailureThreshold(int failureThreshold) {
			this.failureThreshold = PropertyChecks.atLeast("dbperf.cache.redis.failure-threshold", failureThreshold, 1);
		}

		public Duration getOpenDuration() {
			return this.openDuration;
		}

		public void setOpenDuration(Duration openDuration) {
			this.openDuration = PropertyChecks.duration("dbperf.cache.redis.open-duration", openDuration);
		}

		public Duration getSubscriptionRetryInterval() {
			return this.subscriptionRetryInterval;
		}

		public void setSubscriptionRetryInterval(Duration subscriptionRetryInterval) {
			this.subscriptionRetryInterval = PropertyChecks.duration("dbperf.cache.redis.subscription-retry-interval",
					subscriptionRetryInterval);
		}

	}

}
