package io.github.dbperf.query;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.github.dbperf.jdbc.StatementEvent;
import io.github.dbperf.jdbc.StatementListener;
import io.github.dbperf.sql.Operation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Micrometer timer {@code dbperf.statements} and counter {@code dbperf.statements.slow},
 * tagged only with low-cardinality values: {@code datasource}, {@code operation} and
 * {@code repository}: what the statement is {@link StatementEvent#creditedTo() credited
 * to}, the repository method or, with none on the stack, the unit of work (such as
 * {@code tx CategoryService.create} for writes flushed at commit, or {@code startup});
 * {@code none} outside both, {@code other} past the bound. Meters are looked up once per
 * tag combination and kept.
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
		ByOperation byOperation = byOperation(event.dataSource(), event.creditedTo());
		Operation operation = event.fingerprint().operation();
		Meters forEvent = byOperation.meters[operation.ordinal()];
		if (forEvent == null) {
			forEvent = byOperation.create(meterRegistry, event.dataSource(), operation);
		}
		forEvent.count.increment();
		forEvent.totalNanos.add(event.elapsedNanos());
		if (event.elapsedNanos() >= this.slowThresholdNanos) {
			forEvent.slow.increment();
		}
	}

	private ByOperation byOperation(String dataSource, @Nullable String creditedTo) {
		Map<String, ByOperation> byRepository = this.meters.get(dataSource);
		if (byRepository == null) {
			byRepository = this.meters.computeIfAbsent(dataSource, (key) -> new ConcurrentHashMap<>());
		}
		String repository = (creditedTo != null) ? creditedTo : NONE;
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

		// Once per tag combination; the meters read this instance's adders, so a second
		// instance would lose what it counted
		synchronized Meters create(MeterRegistry registry, String dataSource, Operation operation) {
			Meters existing = this.meters[operation.ordinal()];
			if (existing != null) {
				return existing;
			}
			Meters created = new Meters(registry, dataSource, operation, this.tag);
			this.meters[operation.ordinal()] = created;
			return created;
		}

	}

	/**
	 * The meters of one tag combination. The timer is a {@link FunctionTimer} over two
	 * adders: recording a statement costs two uncontended additions instead of a full
	 * timer's count, total and decaying maximum (the query store keeps maxima and
	 * percentiles per fingerprint).
	 */
	private static final class Meters {

		private final LongAdder count = new LongAdder();

		private final LongAdder totalNanos = new LongAdder();

		private final Counter slow;

		Meters(MeterRegistry registry, String dataSource, Operation operation, String repository) {
			FunctionTimer
				.builder("dbperf.statements", this, (meters) -> meters.count.sum(), (meters) -> meters.totalNanos.sum(),
						TimeUnit.NANOSECONDS)
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
