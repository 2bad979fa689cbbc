package io.github.dbperf.plan;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.github.dbperf.rules.RuleSettings;
import io.github.dbperf.sql.Fingerprint;
import io.github.dbperf.sql.SqlDialect;
import io.github.dbperf.sql.SqlFingerprinter;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * A real pool, plans asked of it, and the SQL helpers the plan tests share.
 *
 * @author dbperf
 * @since 0.2.0
 */
final class PlanFixture implements AutoCloseable {

	final HikariDataSource pool;

	final QueryPlans plans;

	final SqlDialect dialect;

	PlanFixture(String url, String username, @Nullable String password, SqlDialect dialect, PlanSettings settings) {
		this.pool = new HikariDataSource();
		this.pool.setJdbcUrl(url);
		this.pool.setUsername(username);
		this.pool.setPassword(password);
		this.pool.setMaximumPoolSize(1);
		this.pool.setMinimumIdle(1);
		this.dialect = dialect;
		execute("select 1");
		PlanTarget target = new PlanTarget(this.pool, () -> this.pool.getHikariPoolMXBean().getIdleConnections());
		this.plans = new QueryPlans(settings, (name) -> "dataSource".equals(name) ? target : null,
				RuleSettings.defaults(), JsonMapper.shared());
		await().until(() -> this.pool.getHikariPoolMXBean().getIdleConnections() > 0);
	}

	static PlanSettings settings(PlanSettings.GenericPlan genericPlan) {
		PlanSettings defaults = PlanSettings.defaults();
		return new PlanSettings(defaults.statementTimeout(), defaults.minInterval(), true, 10, 100, 10_000, true,
				genericPlan);
	}

	PlanAnswer plan(String rawSql) {
		Fingerprint fingerprint = SqlFingerprinter.compute(rawSql, this.dialect);
		return this.plans.plan(fingerprint.id(), fingerprint.sql(), fingerprint.operation(), "dataSource",
				Duration.ofMinutes(1));
	}

	void execute(String... sql) {
		try (Connection connection = this.pool.getConnection(); Statement statement = connection.createStatement()) {
			for (String each : sql) {
				statement.execute(each);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	long count(String table) {
		try (Connection connection = this.pool.getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("select count(*) from " + table)) {
			result.next();
			return result.getLong(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static List<String> rules(PlanAnswer answer) {
		return answer.plan().findings().stream().map(PlanFinding::rule).toList();
	}

	@Override
	public void close() {
		this.plans.destroy();
		this.pool.close();
	}

}
