package io.github.dbperf.context;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Swallows a failure inside dbperf so it never reaches the application's query, logging
 * it once per place.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class DbperfFailures {

	private static final Log logger = LogFactory.getLog(DbperfFailures.class);

	private static final Set<String> logged = ConcurrentHashMap.newKeySet();

	private DbperfFailures() {
	}

	/**
	 * Log a failure once for the given place and otherwise ignore it.
	 * @param place what dbperf was doing
	 * @param ex the failure
	 */
	public static void swallow(String place, Throwable ex) {
		if (logged.add(place + ":" + ex.getClass().getName())) {
			// An exception's message may quote the application's values, so only its
			// class
			// and where it came from are logged unless DEBUG is on
			StackTraceElement[] stack = ex.getStackTrace();
			String origin = (stack.length > 0) ? " at " + stack[0] : "";
			logger.warn("dbperf failed in " + place + " (" + ex.getClass().getName() + origin
					+ ") and ignored it; the application is not affected");
			if (logger.isDebugEnabled()) {
				logger.debug("dbperf failure in " + place, ex);
			}
		}
	}

}
