package io.github.dbperf.pool;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Records connection wait and hold times as Micrometer timers
 * ({@code dbperf.connections.wait}, {@code dbperf.connections.held}), for pools that do
 * not report them themselves. The registry is looked up at the first event, so wrapping a
 * DataSource never creates it early.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class MicrometerConnectionTimings implements ConnectionTimings {

	private final ObjectProvider<MeterRegistry> registry;

	private final String dataSourceName;

	private volatile @Nullable Timers timers;

	/**
	 * Create a new instance.
	 * @param registry the meter registry
	 * @param dataSourceName the DataSource bean name, used as the {@code datasource} tag
	 */
	public MicrometerConnectionTimings(ObjectProvider<MeterRegistry> registry, String dataSourceName) {
		this.registry = registry;
		this.dataSourceName = dataSourceName;
	}

	@Override
	public void waited(long nanos, boolean failed) {
		Timers current = timers();
		if (current != null) {
			(failed ? current.waitFailed : current.wait).record(nanos, TimeUnit.NANOSECONDS);
		}
	}

	@Override
	public void held(long nanos) {
		Timers current = timers();
		if (current != null) {
			current.held.record(nanos, TimeUnit.NANOSECONDS);
		}
	}

	private @Nullable Timers timers() {
		Timers current = this.timers;
		if (current == null) {
			MeterRegistry meterRegistry = this.registry.getIfAvailable();
			if (meterRegistry != null) {
				current = new Timers(meterRegistry, this.dataSourceName);
				this.timers = current;
			}
		}
		return current;
	}

	private static final class Timers {

		private final Timer wait;

		private final Timer waitFailed;

		private final Timer held;

		Timers(MeterRegistry registry, String dataSource) {
			this.wait = Timer.builder("dbperf.connections.wait")
				.description("Time callers waited for a connection")
				.tags("datasource", dataSource, "outcome", "success")
				.register(registry);
			this.waitFailed = Timer.builder("dbperf.connections.wait")
				.description("Time callers waited for a connection")
				.tags("datasource", dataSource, "outcome", "failure")
				.register(registry);
			this.held = Timer.builder("dbperf.connections.held")
				.description("Time connections were held before going back to the pool")
				.tags("datasource", dataSource)
				.register(registry);
		}

	}

}
