package io.github.dbperf.pool;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A thread that holds a pooled connection: when another thread starved, or for long.
 *
 * @param thread the holder's thread name
 * @param heldForMs how long it had held the connection, in milliseconds
 * @param callSite the first application frame of the holder's stack at that moment
 * @param stack the top frames of the holder's stack
 * @author dbperf
 * @since 0.1.0
 */
public record ConnectionHolder(String thread, long heldForMs, @Nullable String callSite, List<String> stack) {

}
