package io.github.dbperf.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.github.dbperf.jdbc.CapturedDataSources;
import io.github.dbperf.jdbc.DbperfDataSource;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The advisor's view of the application: each DataSource's settings, state, starvation
 * events and findings. Database limits are read once per DataSource and kept.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class DataAccessReport {

	private final Supplier<Map<String, DataSource>> dataSources;

	private final @Nullable HikariTuner tuner;

	private final Predicate<String> userSet;

	private final Supplier<List<JpaFacts>> jpa;

	private final @Nullable ConnectionTrackers trackers;

	private final Map<String, DatabaseFacts> databases = new ConcurrentHashMap<>();

	/**
	 * Create a new report.
	 * @param dataSources the DataSource beans by name
	 * @param tuner the tuner, or {@code null} when tuning is off
	 * @param userSet tells whether the application set a HikariCP property (by name)
	 * @param jpa the JPA facts, one per persistence unit
	 * @param trackers the connection trackers, or {@code null} when DataSources are not
	 * wrapped
	 */
	public DataAccessReport(Supplier<Map<String, DataSource>> dataSources, @Nullable HikariTuner tuner,
			Predicate<String> userSet, Supplier<List<JpaFacts>> jpa, @Nullable ConnectionTrackers trackers) {
		this.dataSources = dataSources;
		this.tuner = tuner;
		this.userSet = userSet;
		this.jpa = jpa;
		this.trackers = trackers;
	}

	/**
	 * Describe every DataSource.
	 * @return the reports, by bean name order
	 */
	public List<PoolReport> pools() {
		List<PoolReport> reports = new ArrayList<>();
		this.dataSources.get().forEach((name, dataSource) -> reports.add(pool(name, dataSource)));
		return reports;
	}

	private PoolReport pool(String name, DataSource dataSource) {
		DataSource target = unwrap(dataSource);
		HikariDataSource hikari = DataSourceUnwrapper.unwrap(target, HikariConfigMXBean.class, HikariDataSource.class);
		ConnectionTracker tracker = (this.trackers != null) ? this.trackers.get(name) : null;
		long starvationCount = (tracker != null) ? tracker.starvationCount() : 0;
		List<Starvation> starvations = (tracker != null) ? tracker.starvations() : List.of();
		List<ConnectionHolder> longHolds = (tracker != null) ? tracker.longHolds() : List.of();
		DatabaseFacts database = database(name, target);
		boolean captured = CapturedDataSources.isCaptured(dataSource);
		if (hikari == null) {
			return new PoolReport(name, target.getClass().getName(), database, List.of(), null, starvationCount,
					starvations, longHolds, captured);
		}
		Map<String, Object> applied = (this.tuner != null) ? this.tuner.applied(hikari) : Map.of();
		return new PoolReport(name, hikari.getClass().getName(), database,
				PoolSettings.describe(hikari, applied, this.userSet), state(hikari), starvationCount, starvations,
				longHolds, captured);
	}

	/**
	 * Return every finding: pools first, then JPA.
	 * @return the findings, most severe first
	 */
	public List<Finding> findings() {
		List<Finding> findings = new ArrayList<>();
		DatabaseFacts primary = null;
		for (Map.Entry<String, DataSource> entry : this.dataSources.get().entrySet()) {
			DataSource target = unwrap(entry.getValue());
			DatabaseFacts database = database(entry.getKey(), target);
			primary = (primary != null) ? primary : database;
			HikariDataSource hikari = DataSourceUnwrapper.unwrap(target, HikariConfigMXBean.class,
					HikariDataSource.class);
			if (hikari != null) {
				boolean tracked = this.trackers != null && this.trackers.get(entry.getKey()) != null;
				findings.addAll(DataAccessAdvisor.checkPool(entry.getKey(), hikari, database, tracked));
			}
		}
		DatabaseFacts database = (primary != null) ? primary : DatabaseFacts.unknown("no DataSource");
		for (JpaFacts facts : this.jpa.get()) {
			findings.addAll(DataAccessAdvisor.checkJpa(facts, database));
		}
		findings.sort((a, b) -> a.severity().compareTo(b.severity()));
		return findings;
	}

	private DatabaseFacts database(String name, DataSource target) {
		DatabaseFacts known = this.databases.get(name);
		if (known != null) {
			return known;
		}
		DatabaseFacts facts = DatabaseFacts.read(target);
		if (facts.error() == null) {
			this.databases.put(name, facts);
		}
		return facts;
	}

	private static @Nullable PoolState state(HikariDataSource hikari) {
		HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
		if (pool == null) {
			return null;
		}
		return new PoolState(pool.getActiveConnections(), pool.getIdleConnections(),
				pool.getThreadsAwaitingConnection(), pool.getTotalConnections(), hikari.getMaximumPoolSize());
	}

	private static DataSource unwrap(DataSource dataSource) {
		DbperfDataSource capture = CapturedDataSources.find(dataSource);
		if (capture != null && capture.getTargetDataSource() != null) {
			return capture.getTargetDataSource();
		}
		if (dataSource instanceof DelegatingDataSource delegating && delegating.getTargetDataSource() != null) {
			return delegating.getTargetDataSource();
		}
		return dataSource;
	}

}
