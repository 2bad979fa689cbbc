package io.github.dbperf.cache;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Subscribes a {@link TwoLevelCacheTier} to its invalidation channel in the background,
 * so that a Redis that is down or slow at startup never fails or delays the application:
 * the subscription is retried until Redis answers. Until it is active the tier does not
 * use its local copies, which nothing could invalidate yet.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class InvalidationSubscriber implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(InvalidationSubscriber.class);

	private final RedisConnectionFactory connectionFactory;

	private final TwoLevelCacheTier tier;

	private final long retryMillis;

	private volatile boolean running;

	private @Nullable ScheduledExecutorService retries;

	private volatile @Nullable RedisMessageListenerContainer container;

	private boolean warned;

	/**
	 * Create a new subscriber.
	 * @param connectionFactory the Redis connection factory
	 * @param tier the tier to notify
	 * @param retry how long to wait before trying to subscribe again
	 */
	public InvalidationSubscriber(RedisConnectionFactory connectionFactory, TwoLevelCacheTier tier, Duration retry) {
		this.connectionFactory = connectionFactory;
		this.tier = tier;
		this.retryMillis = retry.toMillis();
	}

	@Override
	public synchronized void start() {
		this.running = true;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("dbperf-redis-subscribe-");
		threads.setDaemon(true);
		this.retries = Executors.newSingleThreadScheduledExecutor(threads);
		this.retries.execute(this::subscribe);
	}

	private void subscribe() {
		if (!this.running) {
			return;
		}
		RedisMessageListenerContainer subscribing = new RedisMessageListenerContainer();
		try {
			subscribing.setConnectionFactory(this.connectionFactory);
			// A subscription lost later is restored as often as a first one is tried
			subscribing.setRecoveryInterval(this.retryMillis);
			subscribing.addMessageListener(this.tier, new ChannelTopic(this.tier.channel()));
			subscribing.afterPropertiesSet();
			subscribing.start();
			synchronized (this) {
				if (!this.running) {
					destroy(subscribing);
					return;
				}
				this.container = subscribing;
				this.tier.subscribed(true);
			}
			if (this.warned) {
				logger.info("Subscribed to " + this.tier.channel() + "; the two-level cache uses its local tier again");
			}
		}
		catch (Exception ex) {
			destroy(subscribing);
			if (!this.warned) {
				this.warned = true;
				logger.warn("Cannot subscribe to the cache invalidation channel " + this.tier.channel() + " ("
						+ ex.getClass().getSimpleName()
						+ "); the two-level cache skips its local tier and retries every " + this.retryMillis + "ms");
			}
			retryLater();
		}
	}

	private synchronized void retryLater() {
		if (this.running && this.retries != null) {
			this.retries.schedule(this::subscribe, this.retryMillis, TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * Return whether the subscription is active.
	 * @return {@code true} once subscribed
	 */
	public boolean isSubscribed() {
		return this.container != null;
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		this.tier.subscribed(false);
		if (this.retries != null) {
			this.retries.shutdownNow();
			this.retries = null;
		}
		RedisMessageListenerContainer subscribed = this.container;
		this.container = null;
		if (subscribed != null) {
			destroy(subscribed);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private static void destroy(RedisMessageListenerContainer container) {
		try {
			container.stop();
			container.destroy();
		}
		catch (Exception ex) {
			// Never started or already gone
		}
	}

}
