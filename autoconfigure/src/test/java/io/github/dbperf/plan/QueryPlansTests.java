package io.github.dbperf.plan;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import io.github.dbperf.jdbc.StatementEvent;
import io.github.dbperf.rules.RuleSettings;
import io.github.dbperf.sql.Fingerprint;
import io.github.dbperf.sql.Operation;
import io.github.dbperf.sql.SqlDialect;
import io.github.dbperf.sql.SqlFingerprinter;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.datasource.AbstractDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What {@link QueryPlans} does before it asks a database: the idle-connection rule, the
 * rate limit per fingerprint, the bounded worker.
 *
 * @author dbperf
 */
class QueryPlansTests {

	private final AtomicInteger connections = new AtomicInteger();

	private final MutableClock clock = new MutableClock();

	@Test
	void whenThePoolHasNoIdleConnectionThenNoneIsBorrowed() {
		QueryPlans plans = plans(failing(), 0, settings(Duration.ofMinutes(10), 10));
		PlanAnswer answer = plans.plan("1", "select * from t where a = ?", Operation.SELECT, "dataSource",
				Duration.ofMinutes(1));
		assertThat(answer.status()).isEqualTo(PlanAnswer.Status.UNAVAILABLE);
		assertThat(answer.message()).contains("no idle connection");
		assertThat(this.connections).hasValue(0);
		assertThat(plans.borrowedConnections()).isZero();
	}

	@Test
	void whenTheIdleConnectionsCannotBeReadThenNoneIsBorrowed() {
		QueryPlans plans = plans(failing(), -1, settings(Duration.ofMinutes(10), 10));
		assertThat(plans.plan("1", "select 1", Operation.SELECT, "dataSource", Duration.ofMinutes(1)).message())
			.contains("cannot be read");
		assertThat(this.connections).hasValue(0);
	}

	@Test
	void whenAFingerprintWasExplainedWithinTheIntervalThenItIsNotExplainedAgain() {
		QueryPlans plans = plans(failing(), 1, settings(Duration.ofMinutes(10), 10));
		StatementEvent event = slow("select * from t where a = ?");
		plans.slow(event);
		await().until(() -> plans.captured(event.fingerprint().id()) != null);
		assertThat(this.connections).hasValue(1);
		this.clock.advance(Duration.ofMinutes(9));
		plans.slow(event);
		assertThat(plans
			.plan(event.fingerprint().id(), event.fingerprint().sql(), Operation.SELECT, "dataSource",
					Duration.ofMinutes(1))
			.message()).contains("could not plan it");
		assertThat(this.connections).hasValue(1);
		this.clock.advance(Duration.ofMinutes(1));
		plans.slow(event);
		await().until(() -> this.connections.get() == 2);
	}

	@Test
	void whenTheQueueIsFullThenCapturesAreDroppedNotRunOnTheCaller() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(1);
		DataSource blocking = new AbstractDataSource() {

			@Override
			public Connection getConnection() throws SQLException {
				QueryPlansTests.this.connections.incrementAndGet();
				started.countDown();
				try {
					release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				throw new SQLException("test");
			}

			@Override
			public Connection getConnection(String username, String password) throws SQLException {
				return getConnection();
			}

		};
		QueryPlans plans = plans(blocking, 1, settings(Duration.ofMinutes(10), 1));
		plans.slow(slow("select * from a where x = ?"));
		started.await();
		plans.slow(slow("select * from b where x = ?"));
		plans.slow(slow("select * from c where x = ?"));
		assertThat(plans.dropped()).isEqualTo(1);
		PlanAnswer answer = plans.plan("4", "select * from d", Operation.SELECT, "dataSource", Duration.ZERO);
		assertThat(answer.message()).contains("queue is full");
		release.countDown();
		await().until(() -> this.connections.get() == 2);
		plans.destroy();
	}

	@Test
	void whenTheStatementCannotBePlannedThenItSaysWhy() {
		QueryPlans plans = plans(failing(), 1, settings(Duration.ofMinutes(10), 10));
		assertThat(plans.plan("1", "create table t (a int)", Operation.DDL, "dataSource", Duration.ZERO).message())
			.contains("Only select, insert, update and delete");
		assertThat(
				plans.plan("2", "select a from t /* cut */", Operation.SELECT, "dataSource", Duration.ZERO).message())
			.contains("max-sql-length");
		assertThat(this.connections).hasValue(0);
	}

	@Test
	void statementsThatAreNotSlowNeverReachThePlans() {
		QueryPlans plans = plans(failing(), 1, new PlanSettings(Duration.ofSeconds(2), Duration.ofMinutes(10), false,
				10, 10, 10_000, true, PlanSettings.GenericPlan.AUTO));
		plans.slow(slow("select * from t where a = ?"));
		assertThat(plans.plan("x", "select 1", Operation.SELECT, "other", Duration.ofMinutes(1)).message())
			.contains("No DataSource named 'other'");
		assertThat(this.connections).hasValue(0);
	}

	private QueryPlans plans(DataSource dataSource, int idle, PlanSettings settings) {
		PlanTarget target = new PlanTarget(dataSource, () -> idle);
		return new QueryPlans(settings, (name) -> "dataSource".equals(name) ? target : null, RuleSettings.defaults(),
				JsonMapper.shared(), this.clock);
	}

	private DataSource failing() {
		return new AbstractDataSource() {

			@Override
			public Connection getConnection() throws SQLException {
				QueryPlansTests.this.connections.incrementAndGet();
				throw new SQLException("unreachable");
			}

			@Override
			public Connection getConnection(String username, String password) throws SQLException {
				return getConnection();
			}

		};
	}

	private static PlanSettings settings(Duration minInterval, int queueCapacity) {
		return new PlanSettings(Duration.ofSeconds(2), minInterval, true, queueCapacity, 10, 10_000, true,
				PlanSettings.GenericPlan.AUTO);
	}

	private static StatementEvent slow(String sql) {
		Fingerprint fingerprint = SqlFingerprinter.compute(sql, SqlDialect.POSTGRESQL);
		return new StatementEvent("dataSource", sql, fingerprint, 1_000_000_000L, true, 0, -1, null, null, null, 0);
	}

	static final class MutableClock extends Clock {

		private final AtomicLong millis = new AtomicLong(1_000_000);

		void advance(Duration duration) {
			this.millis.addAndGet(duration.toMillis());
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return Instant.ofEpochMilli(this.millis.get());
		}

	}

}
