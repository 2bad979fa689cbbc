package io.github.dbperf.pool;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import io.github.dbperf.context.ApplicationFrames;
import io.github.dbperf.jdbc.ConnectionEvents;
import io.github.dbperf.jdbc.ConnectionEventsFactory;
import org.jspecify.annotations.Nullable;

/**
 * Creates and keeps the {@link ConnectionTracker} of every wrapped DataSource.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class ConnectionTrackers implements ConnectionEventsFactory {

	private final Duration threshold;

	private final int maxEvents;

	private final Duration longHold;

	private final ApplicationFrames applicationFrames;

	private final ConnectionTimingsFactory timings;

	private final Map<String, ConnectionTracker> trackers = new ConcurrentHashMap<>();

	/**
	 * Create a new instance.
	 * @param threshold waits at least this long are recorded
	 * @param maxEvents how many starvation events to keep per DataSource
	 * @param longHold connections held at least this long are reported as long holds
	 * @param applicationFrames resolves application call sites
	 * @param timings creates the wait and hold time recorder of a DataSource
	 */
	public ConnectionTrackers(Duration threshold, int maxEvents, Duration longHold, ApplicationFrames applicationFrames,
			ConnectionTimingsFactory timings) {
		this.threshold = threshold;
		this.maxEvents = maxEvents;
		this.longHold = longHold;
		this.applicationFrames = applicationFrames;
		this.timings = timings;
	}

	@Override
	public ConnectionEvents create(String beanName, DataSource target) {
		ConnectionTracker tracker = new ConnectionTracker(beanName, this.threshold, this.maxEvents, this.longHold,
				this.applicationFrames, this.timings.create(beanName, target));
		this.trackers.put(beanName, tracker);
		return tracker;
	}

	/**
	 * Return the tracker of a DataSource.
	 * @param beanName the DataSource bean name
	 * @return the tracker, or {@code null} if the DataSource is not wrapped
	 */
	public @Nullable ConnectionTracker get(String beanName) {
		return this.trackers.get(beanName);
	}

}
