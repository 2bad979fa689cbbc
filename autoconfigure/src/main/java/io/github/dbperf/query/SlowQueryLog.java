package io.github.dbperf.query;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import io.github.dbperf.context.ApplicationFrames;
import io.github.dbperf.jdbc.StatementEvent;
import io.github.dbperf.jdbc.StatementListener;
import io.github.dbperf.sql.Operation;
import io.github.dbperf.sql.SqlText;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.ConcurrentLruCache;

/**
 * Logs statements at or above the slow threshold at WARN, on the calling thread (so MDC
 * such as trace ids is kept), with the real duration. At most one line per fingerprint
 * per interval; the next line says how many were left out. Unless asked to, it leaves out
 * DDL and the statements that run while the application starts (schema scripts,
 * migrations, seeding): slow startup statements are counted and summed up in one INFO
 * line when {@link #startupEnded() startup ends}.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class SlowQueryLog implements StatementListener {

	private static final Log logger = LogFactory.getLog(SlowQueryLog.class);

	private static final int MAX_TRACKED = 10_000;

	private final long thresholdNanos;

	private final long intervalMillis;

	private final ApplicationFrames applicationFrames;

	private final int maxSqlLength;

	private final boolean logDdl;

	private final boolean logStartup;

	// Per fingerprint: when the last line was logged and how many were left out since;
	// the least recently logged fingerprint is forgotten first when full
	private final ConcurrentLruCache<String, long[]> lastLogged;

	private final LongSupplier clock;

	private final LongAdder startupSlow = new LongAdder();

	private final LongAdder startupSlowNanos = new LongAdder();

	private final SlowQueryHook hook;

	/**
	 * Create a new log.
	 * @param threshold statements at least this slow are logged
	 * @param interval the least time between two lines for one fingerprint
	 * @param applicationFrames resolves the call site
	 */
	public SlowQueryLog(Duration threshold, Duration interval, ApplicationFrames applicationFrames) {
		this(threshold, interval, applicationFrames, SqlText.DEFAULT_MAX_LENGTH, false, false);
	}

	/**
	 * Create a new log.
	 * @param threshold statements at least this slow are logged
	 * @param interval the least time between two lines for one fingerprint
	 * @param applicationFrames resolves the call site
	 * @param maxSqlLength the most characters of normalized SQL in a line; longer text is
	 * cut with {@link SqlText#CUT_MARKER}
	 * @param logDdl whether slow DDL is logged
	 * @param logStartup whether slow statements are logged one by one while the
	 * application starts
	 */
	public SlowQueryLog(Duration threshold, Duration interval, ApplicationFrames applicationFrames, int maxSqlLength,
			boolean logDdl, boolean logStartup) {
		this(threshold, interval, applicationFrames, maxSqlLength, logDdl, logStartup, SlowQueryHook.NONE);
	}

	/**
	 * Create a new log.
	 * @param threshold statements at least this slow are logged
	 * @param interval the least time between two lines for one fingerprint
	 * @param applicationFrames resolves the call site
	 * @param maxSqlLength the most characters of normalized SQL in a line; longer text is
	 * cut with {@link SqlText#CUT_MARKER}
	 * @param logDdl whether slow DDL is logged
	 * @param logStartup whether slow statements are logged one by one while the
	 * application starts
	 * @param hook told of every slow statement after startup, and asked for a plan line
	 * @since 0.2.0
	 */
	public SlowQueryLog(Duration threshold, Duration interval, ApplicationFrames applicationFrames, int maxSqlLength,
			boolean logDdl, boolean logStartup, SlowQueryHook hook) {
		this(threshold, interval, applicationFrames, maxSqlLength, logDdl, logStartup, MAX_TRACKED,
				System::currentTimeMillis, hook);
	}

	SlowQueryLog(Duration threshold, Duration interval, ApplicationFrames applicationFrames, int maxSqlLength,
			boolean logDdl, boolean logStartup, int maxTracked, LongSupplier clock) {
		this(threshold, interval, applicationFrames, maxSqlLength, logDdl, logStartup, maxTracked, clock,
				SlowQueryHook.NONE);
	}

	SlowQueryLog(Duration threshold, Duration interval, ApplicationFrames applicationFrames, int maxSqlLength,
			boolean logDdl, boolean logStartup, int maxTracked, LongSupplier clock, SlowQueryHook hook) {
		this.hook = hook;
		this.lastLogged = new ConcurrentLruCache<>(maxTracked, (id) -> new long[] { Long.MIN_VALUE, 0 });
		this.clock = clock;
		this.thresholdNanos = threshold.toNanos();
		this.intervalMillis = interval.toMillis();
		this.applicationFrames = applicationFrames;
		this.maxSqlLength = maxSqlLength;
		this.logDdl = logDdl;
		this.logStartup = logStartup;
	}

	@Override
	public void onStatement(StatementEvent event) {
		if (event.elapsedNanos() < this.thresholdNanos) {
			return;
		}
		if (event.fingerprint().operation() != Operation.DDL && !event.startup()) {
			this.hook.slow(event);
		}
		if (!logger.isWarnEnabled() || (!this.logDdl && event.fingerprint().operation() == Operation.DDL)) {
			return;
		}
		if (!this.logStartup && event.startup()) {
			this.startupSlow.increment();
			this.startupSlowNanos.add(event.elapsedNanos());
			return;
		}
		long suppressed = admit(event.fingerprint().id());
		if (suppressed < 0) {
			return;
		}
		StringBuilder line = new StringBuilder("Slow query: ");
		line.append(millis(event.elapsedNanos()));
		line.append(" [fingerprint ").append(event.fingerprint().id()).append(", ").append(event.dataSource());
		if (!event.success()) {
			line.append(", failed");
		}
		line.append("] at ").append(this.applicationFrames.callerFrame());
		if (event.repositoryMethod() != null) {
			line.append(" via ").append(event.repositoryMethod());
		}
		if (event.unitOfWork() != null) {
			line.append(" in ").append(event.unitOfWork());
		}
		if (suppressed > 0) {
			line.append(" (").append(suppressed).append(" more since the last line)");
		}
		line.append(": ").append(SqlText.cut(event.fingerprint().sql(), this.maxSqlLength));
		if (event.parameters() != null) {
			line.append(" parameters ").append(SqlText.cut(String.valueOf(event.parameters()), this.maxSqlLength));
		}
		String plan = this.hook.headline(event.fingerprint().id());
		if (plan != null) {
			line.append(" plan: ").append(plan);
		}
		logger.warn(line);
	}

	/**
	 * Log how many slow statements ran while the application started and were not logged
	 * one by one, if any. Called once, when startup ends.
	 */
	public void startupEnded() {
		long count = this.startupSlow.sumThenReset();
		long nanos = this.startupSlowNanos.sumThenReset();
		if (count > 0 && logger.isInfoEnabled()) {
			logger.info(count + " statements at or above the slow threshold ran during startup, " + millis(nanos)
					+ " in total; not logged one by one (dbperf.queries.slow-log-startup). "
					+ "List them with /actuator/slowqueries?startup=only");
		}
	}

	// The style of Boot's properties (such as 250ms), as every dbperf message prints
	// durations
	private static String millis(long nanos) {
		return DurationStyle.SIMPLE.print(Duration.ofMillis(TimeUnit.NANOSECONDS.toMillis(nanos)), ChronoUnit.MILLIS);
	}

	/**
	 * Admit a line for a fingerprint.
	 * @return how many were left out since the last line, or -1 to leave this one out
	 */
	private long admit(String id) {
		long now = this.clock.getAsLong();
		long[] state = this.lastLogged.get(id);
		synchronized (state) {
			if (state[0] != Long.MIN_VALUE && now - state[0] < this.intervalMillis) {
				state[1]++;
				return -1;
			}
			long suppressed = state[1];
			state[0] = now;
			state[1] = 0;
			return suppressed;
		}
	}

}
