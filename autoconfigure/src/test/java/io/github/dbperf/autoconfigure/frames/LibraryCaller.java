package io.github.dbperf.autoconfigure.frames;

import java.util.function.Supplier;

/**
 * Stands for dbperf's own wiring (an advisor or interceptor) between application code and
 * the statement: its frames are never call sites.
 */
public final class LibraryCaller {

	private LibraryCaller() {
	}

	public static <T> T call(Supplier<T> supplier) {
		return supplier.get();
	}

}
