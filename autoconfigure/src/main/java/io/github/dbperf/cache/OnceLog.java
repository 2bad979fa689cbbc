package io.github.dbperf.cache;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;

/**
 * Logs each kind of problem once, as a warning, remembering at most {@value #MAX_KINDS}
 * kinds so that an endless stream of new ones cannot grow the heap.
 *
 * @author dbperf
 * @since 0.1.0
 */
final class OnceLog {

	private static final int MAX_KINDS = 1000;

	private final Log logger;

	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	OnceLog(Log logger) {
		this.logger = logger;
	}

	void warn(String kind, String message) {
		if (this.warned.size() < MAX_KINDS && this.warned.add(kind)) {
			this.logger.warn(message);
		}
	}

}
