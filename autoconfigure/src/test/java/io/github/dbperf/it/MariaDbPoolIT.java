package io.github.dbperf.it;

import java.sql.Connection;

import javax.sql.DataSource;

import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.jdbc.JdbcConnection;
import io.github.dbperf.advisor.DataAccessReport;
import io.github.dbperf.advisor.PoolReport;
import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.autoconfigure.pool.PoolAutoConfiguration;
import io.github.dbperf.autoconfigure.query.QueryAutoConfiguration;
import io.github.dbperf.testing.EnabledIfMariaDbReachable;
import io.github.dbperf.rules.Severity;
import io.github.dbperf.testing.TestMariaDb;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.Configuration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pool tuning and the advisor on the MariaDB at localhost:3306, with both the MariaDB and
 * the MySQL driver. Skipped, with the reason, when that server is not reachable.
 */
@EnabledIfMariaDbReachable
class MariaDbPoolIT {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues(TestMariaDb.properties())
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, DbperfAutoConfiguration.class,
				JdbcCaptureAutoConfiguration.class, QueryAutoConfiguration.class, PoolAutoConfiguration.class));

	@Test
	void whenMariaDbDriverThenTunedPropertiesAreInEffect() {
		this.contextRunner.run((context) -> {
			try (Connection connection = context.getBean(DataSource.class).getConnection()) {
				Configuration conf = connection.unwrap(org.mariadb.jdbc.Connection.class).getContext().getConf();
				assertThat(conf.rewriteBatchedStatements()).isTrue();
				assertThat(conf.cachePrepStmts()).isTrue();
				assertThat(conf.useLocalSessionState()).isTrue();
				assertThat(conf.prepStmtCacheSize()).isEqualTo(250);
			}
		});
	}

	@Test
	void whenMySqlDriverThenHikariMySqlGuidanceIsInEffect() {
		this.contextRunner
			.withPropertyValues(
					"spring.datasource.url=" + TestMariaDb.jdbcUrl().replace("jdbc:mariadb:", "jdbc:mysql:"),
					"spring.datasource.driver-class-name=com.mysql.cj.jdbc.Driver")
			.run((context) -> {
				try (Connection connection = context.getBean(DataSource.class).getConnection()) {
					var properties = connection.unwrap(JdbcConnection.class).getPropertySet();
					assertThat(properties.getBooleanProperty(PropertyKey.cachePrepStmts).getValue()).isTrue();
					assertThat(properties.getBooleanProperty(PropertyKey.useServerPrepStmts).getValue()).isTrue();
					assertThat(properties.getBooleanProperty(PropertyKey.rewriteBatchedStatements).getValue()).isTrue();
					assertThat(properties.getIntegerProperty(PropertyKey.prepStmtCacheSize).getValue()).isEqualTo(250);
					assertThat(properties.getIntegerProperty(PropertyKey.prepStmtCacheSqlLimit).getValue())
						.isEqualTo(2048);
					assertThat(properties.getBooleanProperty(PropertyKey.elideSetAutoCommits).getValue()).isTrue();
				}
			});
	}

	@Test
	void whenMariaDbThenAdvisorReadsTheServersWaitTimeout() {
		this.contextRunner.run((context) -> {
			long waitTimeout = new JdbcTemplate(context.getBean(DataSource.class))
				.queryForObject("select @@wait_timeout", Long.class);
			PoolReport pool = context.getBean(DataAccessReport.class).pools().get(0);
			assertThat(pool.database().idleTimeoutSeconds()).isEqualTo(waitTimeout);
			assertThat(pool.database().maxConnections()).isPositive();
		});
	}

	@Test
	void whenTheServerClosesIdleConnectionsBeforeThePoolRetiresThemThenAdvisorWarns() {
		// The session's wait_timeout, set by the driver, is what the advisor reads
		this.contextRunner
			.withPropertyValues("spring.datasource.url=" + TestMariaDb.jdbcUrl() + "?sessionVariables=wait_timeout=600")
			.run((context) -> {
				DataAccessReport report = context.getBean(DataAccessReport.class);
				assertThat(report.pools().get(0).database().idleTimeoutSeconds()).isEqualTo(600);
				assertThat(report.findings())
					.filteredOn((finding) -> finding.rule().equals("config-max-lifetime-above-wait-timeout"))
					.singleElement()
					.satisfies((finding) -> assertThat(finding.message()).contains("keeps connections for 20m")
						.contains("closes idle connections after 600s"));
			});
	}

	@Test
	void whenThePoolFitsTheServersLimitsThenAdvisorHasNoFindings() {
		this.contextRunner.run((context) -> {
			DataAccessReport report = context.getBean(DataAccessReport.class);
			assertThat(report.pools().get(0).database().idleTimeoutSeconds()).as("idle cut-off checked")
				.isGreaterThan(1200);
			assertThat(report.findings()).isEmpty();
		});
	}

	@Test
	void whenThePoolMayOpenMoreConnectionsThanTheServerAcceptsThenAdvisorSaysSo() {
		long maxConnections = new JdbcTemplate(
				new DriverManagerDataSource(TestMariaDb.jdbcUrl(), TestMariaDb.username(), TestMariaDb.password()))
			.queryForObject("select @@max_connections", Long.class);
		// minimum-idle 1, so that the shared server is not asked for all of them
		this.contextRunner
			.withPropertyValues("spring.datasource.hikari.maximum-pool-size=" + (maxConnections + 5),
					"spring.datasource.hikari.minimum-idle=1")
			.run((context) -> assertThat(context.getBean(DataAccessReport.class).findings())
				.filteredOn((finding) -> finding.rule().equals("config-pool-above-max-connections"))
				.singleElement()
				.satisfies((finding) -> {
					assertThat(finding.severity()).isEqualTo(Severity.ERROR);
					assertThat(finding.where().setting()).isEqualTo("spring.datasource.hikari.maximum-pool-size");
					assertThat(finding.message()).contains("max_connections " + maxConnections);
				}));
	}

}
