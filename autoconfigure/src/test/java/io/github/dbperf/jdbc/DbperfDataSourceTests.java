package io.github.dbperf.jdbc;

import java.sql.Connection;
import java.sql.ConnectionBuilder;
import java.sql.SQLException;
import java.sql.ShardingKey;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import io.github.dbperf.sql.SqlFingerprinter;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@link DbperfDataSource} hands out connections built with
 * {@link DataSource#createConnectionBuilder()} as it hands out
 * {@link DataSource#getConnection()}'s: captured and tracked.
 */
class DbperfDataSourceTests {

	private final List<StatementEvent> events = new CopyOnWriteArrayList<>();

	private final CountingConnectionEvents connectionEvents = new CountingConnectionEvents();

	@Test
	void whenAConnectionIsBuiltThenItsStatementsAreCapturedAndItsHoldIsTracked() throws SQLException {
		DataSource dataSource = dbperf(new BuildingDataSource());
		try (Connection connection = dataSource.createConnectionBuilder().user("sa").password("").build();
				Statement statement = connection.createStatement()) {
			statement.execute("select 1");
			assertThat(this.connectionEvents.acquired).hasValue(1);
		}
		assertThat(this.events).extracting(StatementEvent::sql).containsExactly("select 1");
		assertThat(this.connectionEvents.closed).hasValue(1);
	}

	@Test
	void whenTheTargetBuildsNoConnectionsThenItsExceptionReachesTheCallerUnchanged() {
		DriverManagerDataSource target = h2();
		Throwable expected = catchThrowable(target::createConnectionBuilder);
		Throwable actual = catchThrowable(() -> dbperf(target).createConnectionBuilder());
		assertThat(expected).isInstanceOf(SQLException.class);
		assertThat(actual).isExactlyInstanceOf(expected.getClass()).hasMessage(expected.getMessage());
	}

	private DbperfDataSource dbperf(DataSource target) {
		return new DbperfDataSource("dataSource", target,
				new CaptureListener(new SqlFingerprinter(), List.of(this.events::add), false), this.connectionEvents);
	}

	private static DriverManagerDataSource h2() {
		return new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID());
	}

	/**
	 * An H2 DataSource that builds connections for a user.
	 */
	static class BuildingDataSource extends DriverManagerDataSource {

		BuildingDataSource() {
			super("jdbc:h2:mem:" + UUID.randomUUID());
		}

		@Override
		public ConnectionBuilder createConnectionBuilder() {
			return new ConnectionBuilder() {

				private String user = "";

				private String password = "";

				@Override
				public ConnectionBuilder user(String username) {
					this.user = username;
					return this;
				}

				@Override
				public ConnectionBuilder password(String password) {
					this.password = password;
					return this;
				}

				@Override
				public ConnectionBuilder shardingKey(ShardingKey shardingKey) {
					return this;
				}

				@Override
				public ConnectionBuilder superShardingKey(ShardingKey superShardingKey) {
					return this;
				}

				@Override
				public Connection build() throws SQLException {
					return getConnection(this.user, this.password);
				}

			};
		}

	}

}
