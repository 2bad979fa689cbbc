package io.github.dbperf.jdbc;

import org.jspecify.annotations.Nullable;

/**
 * The unit of work (HTTP request, transaction, scheduled run or explicit scope) running
 * on the current thread, as named by whoever opened it.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class UnitOfWorkContext {

	private static final ThreadLocal<@Nullable String> current = new ThreadLocal<>();

	private UnitOfWorkContext() {
	}

	/**
	 * Return the current unit of work's name.
	 * @return the name, such as {@code GET /posts/{id}}, or {@code null}
	 */
	public static @Nullable String currentName() {
		return current.get();
	}

	/**
	 * Set the current unit of work's name.
	 * @param name the name, or {@code null} to clear it
	 */
	public static void setCurrentName(@Nullable String name) {
		if (name == null) {
			current.remove();
		}
		else {
			current.set(name);
		}
	}

}
