package io.github.dbperf.advisor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import io.github.dbperf.jdbc.CapturedDataSources;
import io.github.dbperf.jdbc.DbperfDataSource;
import io.github.dbperf.pool.ConnectionHolder;
import io.github.dbperf.pool.ConnectionTracker;
import io.github.dbperf.pool.ConnectionTrackers;
import io.github.dbperf.pool.HikariTuning;
import io.github.dbperf.pool.PoolSettings;
import io.github.dbperf.pool.PoolState;
import io.github.dbperf.pool.Starvation;
import io.github.dbperf.rules.Finding;
import io.github.dbperf.rules.FindingSource;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.jdbc.DataSourceUnwrapper;

/**
 * The advisor's view of the application: a {@link PoolReport} per DataSource, and the
 * {@link io.github.dbperf.rules.RuleCategory#MAPPING mapping} and
 * {@link io.github.dbperf.rules.RuleCategory#CONFIGURATION configuration} rules' findings
 * about pools and JPA. Those rules run once, at the first call after startup; the result
 * is kept unless a database could not be asked, which is retried at the next call.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class DataAccessReport implements FindingSource {

	private static final Comparator<Finding> MOST_SEVERE_FIRST = Comparator.comparing(Finding::severity);

	private final Supplier<Map<String, DataSource>> dataSources;

	private final @Nullable HikariTuning tuning;

	private final Predicate<String> userSet;

	private final Supplier<List<JpaFacts>> jpa;

	private final @Nullable ConnectionTrackers trackers;

	private final DatabaseFactsReader databases = new DatabaseFactsReader();

	private volatile @Nullable List<Finding> findings;

	/**
	 * Create a new report.
	 * @param dataSources the DataSource beans by name
	 * @param tuning the HikariCP tuning, or {@code null} when tuning is off
	 * @param userSet tells whether the application set a HikariCP property (by name)
	 * @param jpa the JPA facts, one per persistence unit
	 * @param trackers the connection trackers, or {@code null} when DataSources are not
	 * wrapped
	 */
	public DataAccessReport(Supplier<Map<String, DataSource>> dataSources, @Nullable HikariTuning tuning,
			Predicate<String> userSet, Supplier<List<JpaFacts>> jpa, @Nullable ConnectionTrackers trackers) {
		this.dataSources = dataSources;
		this.tuning = tuning;
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
		DataSource target = belowCapture(dataSource);
		HikariDataSource hikari = hikari(target);
		ConnectionTracker tracker = tracker(name);
		long starvationCount = (tracker != null) ? tracker.starvationCount() : 0;
		List<Starvation> starvations = (tracker != null) ? tracker.starvations() : List.of();
		List<ConnectionHolder> longHolds = (tracker != null) ? tracker.longHolds() : List.of();
		DatabaseFacts database = this.databases.facts(name, target);
		boolean captured = CapturedDataSources.isCaptured(dataSource);
		if (hikari == null) {
			return new PoolReport(name, target.getClass().getName(), database, List.of(), null, starvationCount,
					starvations, longHolds, captured);
		}
		Map<String, Object> applied = (this.tuning != null) ? this.tuning.applied(hikari) : Map.of();
		return new PoolReport(name, hikari.getClass().getName(), database,
				PoolSettings.describe(hikari, applied, this.userSet), PoolState.of(hikari), starvationCount,
				starvations, longHolds, captured);
	}

	/**
	 * Return every finding: about the pools, checked against the first DataSource's
	 * database, and about JPA; computed once.
	 * @return the findings before the user's settings, most severe first
	 */
	@Override
	public List<Finding> findings() {
		List<Finding> known = this.findings;
		return (known != null) ? known : check();
	}

	private List<Finding> check() {
		List<Finding> findings = new ArrayList<>();
		DatabaseFacts primary = null;
		boolean complete = true;
		for (Map.Entry<String, DataSource> entry : this.dataSources.get().entrySet()) {
			DataSource target = belowCapture(entry.getValue());
			DatabaseFacts database = this.databases.facts(entry.getKey(), target);
			complete &= database.error() == null;
			primary = (primary != null) ? primary : database;
			HikariDataSource hikari = hikari(target);
			if (hikari != null) {
				findings.addAll(PoolChecks.check(entry.getKey(), hikari, database, tracker(entry.getKey()) != null));
			}
		}
		DatabaseFacts database = (primary != null) ? primary : DatabaseFacts.unknown("no DataSource");
		for (JpaFacts facts : this.jpa.get()) {
			findings.addAll(JpaChecks.check(facts, database));
		}
		findings.sort(MOST_SEVERE_FIRST);
		List<Finding> checked = List.copyOf(findings);
		if (complete) {
			this.findings = checked;
		}
		return checked;
	}

	private @Nullable ConnectionTracker tracker(String name) {
		return (this.trackers != null) ? this.trackers.get(name) : null;
	}

	private static @Nullable HikariDataSource hikari(DataSource dataSource) {
		return DataSourceUnwrapper.unwrap(dataSource, HikariConfigMXBean.class, HikariDataSource.class);
	}

	// The advisor's own queries must not show up among the application's
	private static DataSource belowCapture(DataSource dataSource) {
		DbperfDataSource capture = CapturedDataSources.find(dataSource);
		DataSource target = (capture != null) ? capture.getTargetDataSource() : null;
		return (target != null) ? target : dataSource;
	}

}
