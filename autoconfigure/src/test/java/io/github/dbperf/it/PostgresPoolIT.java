package io.github.dbperf.it;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.github.dbperf.advisor.DataAccessReport;
import io.github.dbperf.advisor.DatabaseFacts;
import io.github.dbperf.advisor.PoolReport;
import io.github.dbperf.rules.Severity;
import io.github.dbperf.autoconfigure.DbperfAutoConfiguration;
import io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration;
import io.github.dbperf.autoconfigure.pool.PoolAutoConfiguration;
import io.github.dbperf.autoconfigure.query.QueryAutoConfiguration;
import io.github.dbperf.it.blog.Owner;
import io.github.dbperf.pool.Starvation;
import io.github.dbperf.testing.TestPostgres;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.postgresql.jdbc.PgConnection;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Pool tuning and the advisor on a real PostgreSQL.
 */
class PostgresPoolIT {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues(TestPostgres.properties(TestPostgres.newDatabase("pool")))
		.withPropertyValues("dbperf.application-packages=io.github.dbperf.it")
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, DbperfAutoConfiguration.class,
				JdbcCaptureAutoConfiguration.class, QueryAutoConfiguration.class, PoolAutoConfiguration.class));

	@Test
	void whenPostgresThenTunedDriverPropertiesAreInEffectOnLiveConnections() {
		this.contextRunner.run((context) -> {
			try (Connection connection = context.getBean(DataSource.class).getConnection()) {
				assertThat(connection.unwrap(PgConnection.class).getQueryExecutor().isReWriteBatchedInsertsEnabled())
					.isTrue();
			}
		});
	}

	@Test
	void whenUserDisablesADriverPropertyInTheUrlThenItStaysDisabled() {
		String url = TestPostgres.newDatabase("poolurl") + "&reWriteBatchedInserts=false";
		this.contextRunner.withPropertyValues("spring.datasource.url=" + url).run((context) -> {
			try (Connection connection = context.getBean(DataSource.class).getConnection()) {
				assertThat(connection.unwrap(PgConnection.class).getQueryExecutor().isReWriteBatchedInsertsEnabled())
					.isFalse();
			}
		});
	}

	@Test
	void whenPostgresThenAdvisorReadsMaxConnections() throws SQLException {
		int maxConnections;
		try (Connection connection = TestPostgres.adminDataSource().getConnection();
				Statement statement = connection.createStatement();
				var resultSet = statement.executeQuery("show max_connections")) {
			resultSet.next();
			maxConnections = Integer.parseInt(resultSet.getString(1));
		}
		this.contextRunner.withPropertyValues("spring.datasource.hikari.maximum-pool-size=" + (maxConnections + 5))
			.run((context) -> {
				DataAccessReport report = context.getBean(DataAccessReport.class);
				PoolReport pool = report.pools().get(0);
				assertThat(pool.database().product()).isEqualTo("PostgreSQL");
				assertThat(pool.database().maxConnections()).isEqualTo(maxConnections);
				assertThat(report.findings()).anySatisfy((finding) -> {
					assertThat(finding.rule()).isEqualTo("config-pool-above-max-connections");
					assertThat(finding.severity()).isEqualTo(Severity.ERROR);
					assertThat(finding.where().setting()).isEqualTo("spring.datasource.hikari.maximum-pool-size");
					assertThat(finding.message()).contains("max_connections " + maxConnections);
				});
			});
	}

	@Test
	void whenTheTunedPoolFitsTheServersLimitsThenAdvisorHasNoFindings() {
		String url = databaseWithIdleSessionTimeout("poolfits", "1h");
		this.contextRunner.withPropertyValues("spring.datasource.url=" + url).run((context) -> {
			DataAccessReport report = context.getBean(DataAccessReport.class);
			DatabaseFacts database = report.pools().get(0).database();
			assertThat(database.maxConnections()).as("connection limit checked").isPositive();
			assertThat(database.idleTimeoutSeconds()).as("idle cut-off checked").isEqualTo(3600);
			assertThat(report.findings()).isEmpty();
		});
	}

	@Test
	void whenPostgresClosesIdleSessionsBeforeThePoolRetiresThemThenAdvisorWarns() {
		String url = databaseWithIdleSessionTimeout("poolidle", "10min");
		this.contextRunner.withPropertyValues("spring.datasource.url=" + url).run((context) -> {
			DataAccessReport report = context.getBean(DataAccessReport.class);
			assertThat(report.findings()).singleElement().satisfies((finding) -> {
				assertThat(finding.severity()).isEqualTo(Severity.WARN);
				assertThat(finding.rule()).isEqualTo("config-max-lifetime-above-wait-timeout");
				assertThat(finding.where().setting()).isEqualTo("spring.datasource.hikari.max-lifetime");
				assertThat(finding.message()).contains("keeps connections for 20m")
					.contains("closes idle connections after 600s");
			});
		});
	}

	@Test
	void whenHibernateManagesThePostgresSchemaThenAdvisorSaysHow() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(HibernateJpaAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class))
			.withUserConfiguration(EntitiesConfiguration.class)
			.withPropertyValues("spring.jpa.hibernate.ddl-auto=create-drop")
			.run((context) -> assertThat(context.getBean(DataAccessReport.class).findings())
				.filteredOn((finding) -> finding.rule().equals("config-ddl-auto-on-real-database"))
				.singleElement()
				.satisfies((finding) -> {
					assertThat(finding.severity()).isEqualTo(Severity.ERROR);
					assertThat(finding.message()).contains("PostgreSQL (ddl-auto=create-drop)");
				}));
	}

	private static String databaseWithIdleSessionTimeout(String prefix, String timeout) {
		String url = TestPostgres.newDatabase(prefix);
		String name = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
		try (Connection connection = TestPostgres.adminDataSource().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("alter database " + name + " set idle_session_timeout = '" + timeout + "'");
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return url;
	}

	@Test
	void whenPoolIsExhaustedThenTheHoldersCallSiteIsNamed() {
		this.contextRunner
			.withPropertyValues("spring.datasource.hikari.maximum-pool-size=2",
					"spring.datasource.hikari.connection-timeout=500", "dbperf.pool.starvation.wait-threshold=100ms")
			.run((context) -> {
				DataSource dataSource = context.getBean(DataSource.class);
				CountDownLatch held = new CountDownLatch(2);
				CountDownLatch release = new CountDownLatch(1);
				List<Thread> holders = new ArrayList<>();
				for (int i = 0; i < 2; i++) {
					Thread holder = new Thread(() -> holdConnection(dataSource, held, release), "holder-" + i);
					holder.start();
					holders.add(holder);
				}
				assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
				// On a busy machine the holders' own checkouts may already have waited
				// past the threshold
				long before = context.getBean(DataAccessReport.class).pools().get(0).starvationCount();
				assertThatExceptionOfType(SQLException.class).isThrownBy(dataSource::getConnection);
				release.countDown();
				for (Thread holder : holders) {
					holder.join(10_000);
				}
				PoolReport pool = context.getBean(DataAccessReport.class).pools().get(0);
				assertThat(pool.starvationCount()).isEqualTo(before + 1);
				Starvation starvation = pool.starvations().get(0);
				assertThat(starvation.failed()).isTrue();
				assertThat(starvation.waitedMs()).isGreaterThanOrEqualTo(400);
				assertThat(starvation.holders()).hasSize(2).allSatisfy((holder) -> {
					assertThat(holder.thread()).startsWith("holder-");
					assertThat(holder.callSite()).startsWith("PostgresPoolIT.holdConnection(");
					assertThat(holder.heldForMs()).isGreaterThanOrEqualTo(400);
				});
			});
	}

	@Test
	void whenAConnectionIsHeldPastTheLongHoldThresholdThenTheReportNamesItsHolder() {
		this.contextRunner.withPropertyValues("dbperf.pool.long-hold.threshold=2s").run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			DataAccessReport report = context.getBean(DataAccessReport.class);
			CountDownLatch held = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			Thread holder = new Thread(() -> holdConnection(dataSource, held, release), "leaky-holder");
			holder.start();
			assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
			Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !report.pools().get(0).longHolds().isEmpty());
			try (Connection brief = dataSource.getConnection()) {
				// The connection just taken is held far less than the threshold, so it is
				// not listed
				assertThat(report.pools().get(0).longHolds()).singleElement().satisfies((longHold) -> {
					assertThat(longHold.thread()).isEqualTo("leaky-holder");
					assertThat(longHold.unitOfWork()).isNull();
					assertThat(longHold.callSite()).startsWith("PostgresPoolIT.holdConnection(");
					assertThat(longHold.heldForMs()).isGreaterThanOrEqualTo(2000);
				});
			}
			finally {
				release.countDown();
				holder.join(10_000);
			}
			assertThat(report.pools().get(0).longHolds()).isEmpty();
		});
	}

	private static void holdConnection(DataSource dataSource, CountDownLatch held, CountDownLatch release) {
		try (Connection connection = dataSource.getConnection()) {
			held.countDown();
			release.await(30, TimeUnit.SECONDS);
		}
		catch (SQLException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = Owner.class)
	static class EntitiesConfiguration {

	}

}
