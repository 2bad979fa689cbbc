package io.github.dbperf.jdbc;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

/**
 * Finds dbperf's capture in a DataSource's chain of delegates, whatever wrappers sit on
 * top of it ({@link DelegatingDataSource} subclasses such as Spring's lazy-connection and
 * transaction-aware proxies, or anything that answers {@link java.sql.Wrapper#unwrap},
 * such as datasource-proxy's).
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class CapturedDataSources {

	// Bounds the walk should a wrapper ever delegate to itself
	private static final int MAX_DEPTH = 32;

	private CapturedDataSources() {
	}

	/**
	 * Return the dbperf wrapper in a DataSource's delegate chain.
	 * @param dataSource the DataSource, possibly wrapped
	 * @return the dbperf wrapper, or {@code null} if statements on this DataSource are
	 * not captured through a single wrapper
	 */
	public static @Nullable DbperfDataSource find(@Nullable DataSource dataSource) {
		DataSource current = dataSource;
		for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
			if (current instanceof DbperfDataSource dbperf) {
				return dbperf;
			}
			current = delegate(current);
		}
		return (dataSource != null) ? unwrap(dataSource) : null;
	}

	/**
	 * Return whether every statement run on a DataSource is captured: it has dbperf's
	 * wrapper in its chain, or it is a routing DataSource whose every target has.
	 * @param dataSource the DataSource, possibly wrapped
	 * @return whether its statements are captured
	 */
	public static boolean isCaptured(DataSource dataSource) {
		if (find(dataSource) != null) {
			return true;
		}
		if (dataSource instanceof AbstractRoutingDataSource routing) {
			List<DataSource> targets = targets(routing);
			return !targets.isEmpty() && targets.stream().allMatch(CapturedDataSources::isCaptured);
		}
		return false;
	}

	/**
	 * Return whether a routing DataSource has a target that dbperf already captures.
	 * @param routing the routing DataSource
	 * @return whether any target is captured
	 */
	static boolean hasCapturedTarget(AbstractRoutingDataSource routing) {
		return targets(routing).stream().anyMatch(CapturedDataSources::isCaptured);
	}

	private static List<DataSource> targets(AbstractRoutingDataSource routing) {
		try {
			List<DataSource> targets = new ArrayList<>(routing.getResolvedDataSources().values());
			DataSource fallback = routing.getResolvedDefaultDataSource();
			if (fallback != null) {
				targets.add(fallback);
			}
			return targets;
		}
		catch (IllegalStateException ex) {
			// Not initialized yet
			return List.of();
		}
	}

	private static @Nullable DataSource delegate(DataSource dataSource) {
		if (dataSource instanceof DelegatingDataSource delegating) {
			return delegating.getTargetDataSource();
		}
		return null;
	}

	private static @Nullable DbperfDataSource unwrap(DataSource dataSource) {
		try {
			return dataSource.isWrapperFor(DbperfDataSource.class) ? dataSource.unwrap(DbperfDataSource.class) : null;
		}
		catch (Exception ex) {
			// Not a wrapper that can be asked
			return null;
		}
	}

}
