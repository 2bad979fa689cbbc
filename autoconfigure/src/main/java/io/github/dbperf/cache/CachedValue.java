package io.github.dbperf.cache;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A cached method result with what is needed to expire, refresh early and invalidate it.
 *
 * @param value the result, {@code null} when a {@code null} result is cached
 * @param createdAtMillis when it was computed (epoch milliseconds)
 * @param expiresAtMillis when it expires (epoch milliseconds)
 * @param computeNanos how long the computation took, for early refresh
 * @param tables the tables its statements read, lowercase and unqualified
 * @author dbperf
 * @since 0.1.0
 */
public record CachedValue(@Nullable Object value, long createdAtMillis, long expiresAtMillis, long computeNanos,
		Set<String> tables) {

	/**
	 * Return how long the entry still lives.
	 * @param nowMillis the current time
	 * @return the remaining milliseconds, at most 0 when expired
	 */
	public long remainingMillis(long nowMillis) {
		return this.expiresAtMillis - nowMillis;
	}

}
