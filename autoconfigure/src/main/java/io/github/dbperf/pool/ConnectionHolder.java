package io.github.dbperf.pool;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A thread that holds a pooled connection: when another thread starved, or for long.
 *
 * @param thread the holder's thread name
 * @param unitOfWork the unit of work (route, transaction, scheduled run) that borrowed
 * the connection, or {@code null} when it was borrowed outside one
 * @param heldForMs how long it had held the connection, in milliseconds
 * @param callSite the first application frame of the holder thread's stack when reported
 * @param stack the top frames of the holder thread's stack when reported
 * @author dbperf
 * @since 0.1.0
 */
public record ConnectionHolder(String thread, @Nullable String unitOfWork, long heldForMs, @Nullable String callSite,
		List<String> stack) {

}
