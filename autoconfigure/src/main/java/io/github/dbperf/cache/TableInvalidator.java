package io.github.dbperf.cache;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import io.github.dbperf.context.DbperfFailures;
import io.github.dbperf.jdbc.StatementEvent;
import io.github.dbperf.jdbc.StatementListener;
import io.github.dbperf.sql.Operation;
import io.github.dbperf.sql.TableNames;
import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tracks what cached computations read and what transactions write, from the captured
 * statements, in the manner of Hibernate's query cache: a write marks its table as
 * changing when the statement runs (pre-invalidation) and again when the transaction
 * commits, and only then are the dependent entries evicted. A computation may be cached
 * only if none of the tables it read changed, or was changing, while it ran. A rolled
 * back write evicts nothing.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class TableInvalidator implements StatementListener {

	private static final ThreadLocal<@Nullable Set<String>> reading = new ThreadLocal<>();

	private final AtomicLong clock = new AtomicLong();

	private final LongAdder invalidations = new LongAdder();

	private final Map<String, TableState> tables = new ConcurrentHashMap<>();

	private final Supplier<CacheTier> tier;

	private final CachedQueryOperations operations;

	/**
	 * Create a new invalidator.
	 * @param tier the tier whose entries are evicted after commits, looked up on first
	 * eviction
	 * @param operations the caches, whose eviction statistics count what invalidations
	 * remove
	 */
	public TableInvalidator(Supplier<CacheTier> tier, CachedQueryOperations operations) {
		this.tier = tier;
		this.operations = operations;
	}

	@Override
	public void onStatement(StatementEvent event) {
		Set<String> read = reading.get();
		Operation operation = event.fingerprint().operation();
		if (read != null && operation == Operation.SELECT) {
			read.addAll(event.fingerprint().tables());
		}
		Set<String> written = event.fingerprint().writtenTables();
		if (written.isEmpty() || !event.success()
				|| (operation != Operation.INSERT && operation != Operation.UPDATE && operation != Operation.DELETE)) {
			return;
		}
		Set<String> tables = new LinkedHashSet<>();
		for (String table : written) {
			tables.add(TableNames.unqualified(table));
		}
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			writeInTransaction(tables);
		}
		else {
			// Auto-commit: the write is already durable
			tables.forEach(this::changed);
			evict(tables);
		}
	}

	private void writeInTransaction(Set<String> tables) {
		// Looked up as a resource: getSynchronizations() copies and sorts on every call
		WrittenTables written = (WrittenTables) TransactionSynchronizationManager.getResource(this);
		if (written != null && written.completed) {
			// Completed on another thread, as a JTA timeout may: left bound here
			TransactionSynchronizationManager.unbindResource(this);
			written = null;
		}
		if (written == null) {
			written = new WrittenTables();
			TransactionSynchronizationManager.registerSynchronization(written);
			TransactionSynchronizationManager.bindResource(this, written);
		}
		for (String table : tables) {
			if (written.tables.add(table)) {
				state(table).pending.incrementAndGet();
				changed(table);
			}
		}
	}

	/**
	 * Start recording the tables read on this thread, for a computation about to run.
	 * Computations nest: an inner one's tables also count for the outer one.
	 * @return the reading, to end with {@link #endReading(Reading)}
	 */
	Reading beginReading() {
		Reading started = new Reading(reading.get(), this.clock.get());
		reading.set(new LinkedHashSet<>());
		return started;
	}

	/**
	 * Stop recording and return the tables read since {@link #beginReading()}.
	 * @param started what {@code beginReading} returned
	 * @return the tables, lowercase and unqualified
	 */
	Set<String> endReading(Reading started) {
		Set<String> read = reading.get();
		if (started.outer() != null) {
			reading.set(started.outer());
			if (read != null) {
				started.outer().addAll(read);
			}
		}
		else {
			reading.remove();
		}
		if (read == null || read.isEmpty()) {
			return Set.of();
		}
		Set<String> unqualified = new LinkedHashSet<>();
		for (String table : read) {
			unqualified.add(TableNames.unqualified(table));
		}
		return unqualified;
	}

	/**
	 * Return whether none of the tables changed, or is being changed by a running
	 * transaction, since the clock read {@code since}.
	 * @param tables the tables
	 * @param since the clock reading
	 * @return whether a result computed from them may be cached
	 */
	boolean isUnchangedSince(Collection<String> tables, long since) {
		for (String table : tables) {
			TableState state = this.tables.get(table);
			if (state != null && (state.pending.get() > 0 || state.changedAt > since)) {
				return false;
			}
		}
		return true;
	}

	private void changed(String table) {
		state(table).changedAt = this.clock.incrementAndGet();
	}

	/**
	 * Return how many committed writes (or transactions) removed at least one cached
	 * entry that read a table they wrote. Writes to tables no cached entry read do not
	 * count.
	 * @return the number of invalidations so far
	 */
	public long invalidations() {
		return this.invalidations.sum();
	}

	private void evict(Collection<String> tables) {
		try {
			long total = 0;
			for (Map.Entry<String, Long> removed : this.tier.get().evictReading(tables).entrySet()) {
				CachedQueryOperation operation = this.operations.named(removed.getKey());
				if (operation != null) {
					operation.statistics().evictions.add(removed.getValue());
				}
				total += removed.getValue();
			}
			if (total > 0) {
				this.invalidations.increment();
			}
		}
		catch (RuntimeException ex) {
			DbperfFailures.swallow("cache invalidation", ex);
		}
	}

	private TableState state(String table) {
		return this.tables.computeIfAbsent(table, (name) -> new TableState());
	}

	/**
	 * A started recording: the enclosing computation's tables and the clock at the start.
	 *
	 * @param outer the enclosing computation's tables, or {@code null}
	 * @param since the clock reading
	 */
	record Reading(@Nullable Set<String> outer, long since) {

	}

	private static final class TableState {

		private final AtomicLong pending = new AtomicLong();

		private volatile long changedAt;

	}

	/**
	 * The tables one transaction wrote; evicts their dependents after commit. Bound as a
	 * resource keyed by the invalidator while its transaction runs, and unbound while it
	 * is suspended, so that an inner transaction registers its own.
	 */
	private final class WrittenTables implements TransactionSynchronization {

		private final Set<String> tables = new LinkedHashSet<>();

		private volatile boolean completed;

		@Override
		public void suspend() {
			TransactionSynchronizationManager.unbindResourceIfPossible(TableInvalidator.this);
		}

		@Override
		public void resume() {
			TransactionSynchronizationManager.unbindResourceIfPossible(TableInvalidator.this);
			TransactionSynchronizationManager.bindResource(TableInvalidator.this, this);
		}

		@Override
		public void afterCompletion(int status) {
			this.completed = true;
			TransactionSynchronizationManager.unbindResourceIfPossible(TableInvalidator.this);
			for (String table : this.tables) {
				changed(table);
				state(table).pending.decrementAndGet();
			}
			if (status == STATUS_COMMITTED) {
				evict(this.tables);
			}
		}

	}

}
