package io.github.dbperf.actuate;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.github.dbperf.query.QueryEntry;
import io.github.dbperf.query.QuerySort;
import io.github.dbperf.query.QueryStore;
import io.github.dbperf.query.RepositoryMethodStats;
import io.github.dbperf.query.RepositoryTimer;
import io.github.dbperf.query.StartupFilter;
import io.github.dbperf.server.ServerStatistics;
import io.github.dbperf.server.ServerView;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@link Endpoint @Endpoint} listing statement fingerprints with their statistics, one
 * fingerprint in detail, and resetting them. Over HTTP, Boot's endpoint support answers a
 * bad {@code sort}, {@code limit} or {@code startup} with 400 and an unknown id with 404.
 *
 * @author dbperf
 * @since 0.1.0
 */
@Endpoint(id = "slowqueries")
public class SlowQueriesEndpoint {

	static final int DEFAULT_LIMIT = 20;

	static final int MAX_LIMIT = 1000;

	private final QueryStore store;

	private final @Nullable RepositoryTimer repositoryTimer;

	private final @Nullable ServerStatistics serverStatistics;

	/**
	 * Create a new endpoint.
	 * @param store the query store
	 * @param repositoryTimer the repository timer, or {@code null} when off
	 */
	public SlowQueriesEndpoint(QueryStore store, @Nullable RepositoryTimer repositoryTimer) {
		this(store, repositoryTimer, null);
	}

	/**
	 * Create a new endpoint that shows the database's own statistics beside each
	 * fingerprint.
	 * @param store the query store
	 * @param repositoryTimer the repository timer, or {@code null} when off
	 * @param serverStatistics the database's statistics, or {@code null} when off
	 */
	public SlowQueriesEndpoint(QueryStore store, @Nullable RepositoryTimer repositoryTimer,
			@Nullable ServerStatistics serverStatistics) {
		this.store = store;
		this.repositoryTimer = repositoryTimer;
		this.serverStatistics = serverStatistics;
	}

	/**
	 * List fingerprints.
	 * @param sort the order, {@code total} when {@code null}
	 * @param limit the most fingerprints, 20 when {@code null}
	 * @param startup {@code exclude} (when {@code null}) leaves out fingerprints that ran
	 * only while the application started (DDL, schema scripts, seeding), {@code include}
	 * shows every one, {@code only} shows just those
	 * @return the listing
	 */
	@ReadOperation
	public SlowQueriesDescriptor slowQueries(@Nullable String sort, @Nullable String limit, @Nullable String startup) {
		QuerySort order = parseSort(sort);
		int max = parseLimit(limit);
		StartupFilter startupFilter = parseStartup(startup);
		List<RepositoryMethodStats> repositories = (this.repositoryTimer != null) ? this.repositoryTimer.methods()
				: List.of();
		return new SlowQueriesDescriptor(this.store.slowThreshold().toMillis(), this.store.size(),
				this.store.maxFingerprints(), this.store.evictions(), order.name().toLowerCase(java.util.Locale.ROOT),
				this.store.entries(order, max, startupFilter), repositories);
	}

	/**
	 * Show one fingerprint with its latency histogram, and with the database's own
	 * statistics of it when they are on.
	 * @param id the fingerprint id
	 * @return the fingerprint, or {@code null} when unknown
	 */
	@ReadOperation
	public @Nullable SlowQueryDescriptor slowQuery(@Selector String id) {
		QueryEntry entry = this.store.detail(id);
		if (entry == null) {
			return null;
		}
		ServerView server = (this.serverStatistics != null)
				? this.serverStatistics.view(entry.dataSource(), entry.id(), entry.meanMs()) : null;
		return new SlowQueryDescriptor(entry, server);
	}

	@DeleteOperation
	public void reset() {
		this.store.reset();
		if (this.repositoryTimer != null) {
			this.repositoryTimer.reset();
		}
	}

	static QuerySort parseSort(@Nullable String sort) {
		if (sort == null || sort.isBlank()) {
			return QuerySort.TOTAL;
		}
		QuerySort parsed = QuerySort.parse(sort);
		if (parsed == null) {
			throw badRequest("Unknown sort '" + sort + "': use one of " + QuerySort.names());
		}
		return parsed;
	}

	static StartupFilter parseStartup(@Nullable String startup) {
		if (startup == null || startup.isBlank()) {
			return StartupFilter.EXCLUDE;
		}
		StartupFilter parsed = StartupFilter.parse(startup);
		if (parsed == null) {
			throw badRequest("Unknown startup filter '" + startup + "': use one of " + StartupFilter.names());
		}
		return parsed;
	}

	static int parseLimit(@Nullable String limit) {
		if (limit == null || limit.isBlank()) {
			return DEFAULT_LIMIT;
		}
		try {
			int parsed = Integer.parseInt(limit.trim());
			if (parsed >= 1 && parsed <= MAX_LIMIT) {
				return parsed;
			}
		}
		catch (NumberFormatException ex) {
			// Reported below
		}
		throw badRequest("Invalid limit '" + limit + "': use a whole number from 1 to " + MAX_LIMIT);
	}

	// Boot's web endpoint support answers 400 with the reason, so it says what to send
	private static InvalidEndpointRequestException badRequest(String message) {
		return new InvalidEndpointRequestException(message, message);
	}

	/**
	 * The endpoint's list response.
	 *
	 * @param slowThresholdMs the slow threshold in milliseconds
	 * @param tracked fingerprints tracked now
	 * @param maxFingerprints the most fingerprints tracked
	 * @param evictions eviction rounds since start or reset
	 * @param sort the order of {@code queries}
	 * @param queries the fingerprints
	 * @param repositories the timed repository methods
	 */
	public record SlowQueriesDescriptor(long slowThresholdMs, int tracked, int maxFingerprints, long evictions,
			String sort, List<QueryEntry> queries,
			List<RepositoryMethodStats> repositories) implements OperationResponseBody {

	}

	/**
	 * The endpoint's response for one fingerprint: the fields of its {@link QueryEntry}
	 * and, when server statistics are on, the database's own view of it.
	 *
	 * @param query the fingerprint's statistics
	 * @param server the database's view, or {@code null} when server statistics are off
	 */
	public record SlowQueryDescriptor(@JsonUnwrapped QueryEntry query,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable ServerView server) implements OperationResponseBody {

	}

}
