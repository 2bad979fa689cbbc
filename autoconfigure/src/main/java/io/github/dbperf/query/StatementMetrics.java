package io.github.dbperf.query;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.dbperf.jdbc.StatementEvent;
import io.github.dbperf.jdbc.StatementListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Micrometer timer {@code dbperf.statements} and counter {@code dbperf.statements.slow},
 * tagged only with low-cardinality values: {@code datasource}, {@code operation} and
 * {@code repository} (the repository method, bounded; {@code none} outside repositories,
 * {@code other} past the bound). Meters are looked up once per tag combination and kept.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class StatementMetrics implements StatementListener {

	private static final String NONE = "none";

	private static final String OTHER = "other";

	private final ObjectProvider<MeterRegistry> registryProvider;

	private final long slowThresholdNanos;

	private final int maxRepositoryTags;

	private final Map<String, Map<String, ByOperation>> meters = new ConcurrentHashMap<>();

	private volatile @Nullable MeterRegistry registry;

	/**
	 * Create a new instance.
	 * @param registry the meter registry, looked up at the first statement
	 * @param slowThreshold statements at least this slow are counted as slow
	 * @param maxRepositoryTags the most distinct repository tag values
	 */
	public StatementMetrics(ObjectProvider<MeterRegistry> registry, Duration slowThreshold, int maxRepositoryTags) {
		this.registryProvider = registry;
		this.slowThresholdNanos = slowThreshold.toNanos();
		this.maxRepositoryTags = maxRepositoryTags;
	}

	@Override
	public void onStatement(StatementEvent event) {
		MeterRegistry meterRegistry = registry();
		if (meterRegistry == null) {
			return;
		}
		ByOperation byOperation = byOperation(event.dataSource(), event.repositoryMethod());
		Operation operation = event.fingerprint().operation();
		Meters forEvent = byOperation.meters[operation.ordinal()];
		if (forEvent == null) {
			// A race creates the same meters twice; the registry returns the existing
			// ones
			forEvent = new Meters(meterRegistry, event.dataSource(), operation, byOperation.tag);
			byOperation.meters[operation.ordinal()] = forEvent;
		}
		forEvent.timer.record(event.elapsedNanos(), TimeUnit.NANOSECONDS);
		if (event.elapsedNanos() >= this.slowThresholdNanos) {
			forEvent.slow.increment();
		}
	}

	private ByOperation byOperation(String dataSource, @Nullable String repositoryMethod) {
		Map<String, ByOperation> byRepository = this.meters.get(dataSource);
		if (byRepository == null) {
			byRepository = this.meters.computeIfAbsent(dataSource, (key) -> new ConcurrentHashMap<>());
		}
		String repository = (repositoryMethod != null) ? repositoryMethod : NONE;
		ByOperation found = byRepository.get(repository);
		if (found != null) {
			return found;
		}
		String tag = (byRepository.size() >= this.maxRepositoryTags) ? OTHER : repository;
		return byRepository.computeIfAbsent(tag, ByOperation::new);
	}

	private @Nullable MeterRegistry registry() {
		MeterRegistry current = this.registry;
		if (current == null) {
			current = this.registryProvider.getIfAvailable();
			this.registry = current;
		}
		return current;
	}

	private static final class ByOperation {

		private final String tag;

		private final @Nullable Meters[] meters = new Meters[Operation.values().length];

		ByOperation(String tag) {
			this.tag = tag;
		}

	}

	private static final class Meters {

		private final Timer timer;

		private final Counter slow;

		Meters(MeterRegistry registry, String dataSource, Operation operation, String repository) {
			this.timer = Timer.builder("dbperf.statements")
				.description("JDBC statements executed")
				.tags("datasource", dataSource, "operation", operation.tagValue(), "repository", repository)
				.register(registry);
			this.slow = Counter.builder("dbperf.statements.slow")
				.description("JDBC statements at or above the slow threshold")
				.tags("datasource", dataSource, "operation", operation.tagValue(), "repository", repository)
				.register(registry);
		}

	}

}
