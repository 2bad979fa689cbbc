package io.github.dbperf.advisor;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.github.dbperf.context.DbperfFailures;
import io.github.dbperf.jdbc.CapturedDataSources;
import io.github.dbperf.jdbc.DbperfDataSource;
import io.github.dbperf.rules.Finding;
import io.github.dbperf.rules.FindingSource;
import io.github.dbperf.rules.RuleSettings;
import io.github.dbperf.rules.Rules;
import io.github.dbperf.sql.SqlDialect;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.util.ClassUtils;

/**
 * The schema rules over each PostgreSQL, MySQL and MariaDB DataSource's catalog: foreign
 * keys without an index, unused indexes on written tables, duplicate or prefix indexes
 * and tables without a primary key. The catalog is read through a connection below
 * dbperf's capture, only while a HikariCP pool has an idle one (other pools are not
 * borrowed from: {@link #unread()} says why), each query bounded and timed out, and the
 * findings are kept for a refresh interval.
 *
 * @author dbperf
 * @since 0.2.0
 */
public final class CatalogChecks implements FindingSource {

	private static final boolean HIKARI_PRESENT = ClassUtils.isPresent("com.zaxxer.hikari.HikariDataSource",
			CatalogChecks.class.getClassLoader());

	private static final String NOT_HIKARI = "dbperf reads the catalog only through HikariCP pools, where it can "
			+ "see an idle connection: this DataSource's pool cannot be seen, so none is borrowed";

	private final Supplier<Map<String, DataSource>> dataSources;

	private final Duration refreshInterval;

	private final int maxRows;

	private final int timeoutSeconds;

	private final Supplier<RuleSettings> settings;

	private final Object lock = new Object();

	private final Map<String, String> unread = new ConcurrentHashMap<>();

	private volatile @Nullable Checked checked;

	/**
	 * Create a new instance.
	 * @param dataSources the DataSource beans by name
	 * @param refreshInterval how long findings are kept before the catalog is read again
	 * @param maxRows the most rows each catalog query reads
	 * @param statementTimeout the timeout of each catalog query (whole seconds, at least
	 * one)
	 * @param settings the user's rule settings, so turned-off rules cost nothing
	 */
	public CatalogChecks(Supplier<Map<String, DataSource>> dataSources, Duration refreshInterval, int maxRows,
			Duration statementTimeout, Supplier<RuleSettings> settings) {
		this.dataSources = dataSources;
		this.refreshInterval = refreshInterval;
		this.maxRows = maxRows;
		this.timeoutSeconds = (int) Math.max(1, (statementTimeout.toMillis() + 999) / 1000);
		this.settings = settings;
	}

	@Override
	public List<Finding> findings() {
		Checked current = this.checked;
		if (current != null && !current.stale(this.refreshInterval)) {
			return current.findings();
		}
		synchronized (this.lock) {
			current = this.checked;
			if (current == null || current.stale(this.refreshInterval)) {
				current = check();
				this.checked = current;
			}
			return current.findings();
		}
	}

	private Checked check() {
		RuleSettings settings = this.settings.get();
		boolean anyEnabled = settings.isEnabled(Rules.SCHEMA_FOREIGN_KEY_WITHOUT_INDEX)
				|| settings.isEnabled(Rules.SCHEMA_UNUSED_INDEX) || settings.isEnabled(Rules.SCHEMA_DUPLICATE_INDEX)
				|| settings.isEnabled(Rules.SCHEMA_TABLE_WITHOUT_PRIMARY_KEY);
		List<Finding> findings = new ArrayList<>();
		boolean complete = true;
		if (anyEnabled) {
			for (Map.Entry<String, DataSource> entry : this.dataSources.get().entrySet()) {
				List<Finding> found = check(entry.getKey(), belowCapture(entry.getValue()), settings);
				complete &= (found != null);
				findings.addAll((found != null) ? found : List.of());
			}
		}
		return new Checked(List.copyOf(findings), System.nanoTime(), complete);
	}

	private @Nullable List<Finding> check(String name, DataSource dataSource, RuleSettings settings) {
		if (!visible(dataSource)) {
			this.unread.put(name, NOT_HIKARI);
			return List.of();
		}
		if (!idle(dataSource)) {
			this.unread.put(name, "The pool had no idle connection: the catalog is read at the next request");
			return null;
		}
		this.unread.remove(name);
		try (Connection connection = dataSource.getConnection()) {
			SqlDialect dialect = SqlDialect.fromProductName(connection.getMetaData().getDatabaseProductName());
			CatalogReader reader = switch (dialect) {
				case POSTGRESQL -> new PostgresCatalogReader(this.maxRows, this.timeoutSeconds);
				case MYSQL -> new MySqlCatalogReader(this.maxRows, this.timeoutSeconds);
				default -> null;
			};
			if (reader == null) {
				return List.of();
			}
			CatalogFacts facts = reader.read(connection, settings.isEnabled(Rules.SCHEMA_UNUSED_INDEX));
			return new CatalogRules(name, facts, dialect == SqlDialect.POSTGRESQL).check(settings);
		}
		catch (SQLException | RuntimeException ex) {
			DbperfFailures.swallow("reading the catalog of DataSource " + name, ex);
			return null;
		}
	}

	/**
	 * Return, per DataSource bean name, why its catalog was not read at the last check.
	 * @return the reasons, empty when every catalog was read
	 */
	public Map<String, String> unread() {
		findings();
		return Map.copyOf(this.unread);
	}

	// Other pools (DBCP2, Tomcat JDBC, UCP) may be exhausted, and dbperf cannot tell
	private static boolean visible(DataSource dataSource) {
		return HIKARI_PRESENT && Hikari.unwrap(dataSource) != null;
	}

	// Never make the application wait for a connection
	private static boolean idle(DataSource dataSource) {
		HikariDataSource hikari = Hikari.unwrap(dataSource);
		if (hikari == null) {
			return false;
		}
		HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
		// A pool not started yet makes nobody wait
		return pool == null || pool.getIdleConnections() > 0;
	}

	private static DataSource belowCapture(DataSource dataSource) {
		DbperfDataSource capture = CapturedDataSources.find(dataSource);
		DataSource target = (capture != null) ? capture.getTargetDataSource() : null;
		return (target != null) ? target : dataSource;
	}

	private static final class Hikari {

		static @Nullable HikariDataSource unwrap(DataSource dataSource) {
			return DataSourceUnwrapper.unwrap(dataSource, HikariConfigMXBean.class, HikariDataSource.class);
		}

	}

	/**
	 * The findings of one check of every DataSource, and whether every catalog was read.
	 */
	private record Checked(List<Finding> findings, long atNanos, boolean complete) {

		// A check cut short by a busy pool or a failure is tried again at the next
		// request
		boolean stale(Duration refreshInterval) {
			return !this.complete || System.nanoTime() - this.atNanos >= refreshInterval.toNanos();
		}

	}

}
