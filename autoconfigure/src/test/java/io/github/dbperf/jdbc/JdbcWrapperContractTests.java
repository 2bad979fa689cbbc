package io.github.dbperf.jdbc;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import io.github.dbperf.context.UnitOfWorkContext;
import io.github.dbperf.sql.SqlFingerprinter;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import org.springframework.boot.jdbc.DataSourceUnwrapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What dbperf's JDBC wrappers promise on a real driver behind HikariCP: statements are
 * reported once with their outcome, batches with their counts, the driver's exceptions
 * reach the caller unchanged, the pool and the driver's own types stay reachable, and a
 * closed connection fails as the driver's does. Each database has its subclass.
 */
abstract class JdbcWrapperContractTests {

	private final List<StatementEvent> events = new CopyOnWriteArrayList<>();

	private final CountingConnectionEvents connectionEvents = new CountingConnectionEvents();

	private HikariDataSource pool;

	private DataSource dataSource;

	/**
	 * Create the pool under test, on a database of its own.
	 * @return the pool
	 */
	abstract HikariDataSource createPool();

	/**
	 * Return the driver's own connection type.
	 * @return the type
	 */
	abstract Class<?> driverConnectionType();

	/**
	 * Return a statement that creates a stored procedure {@code dbperf_double(in x int)}
	 * returning the result set {@code x * 2}, and how to call it.
	 * @return the creation and call statements, or {@code null} when not tested
	 */
	@Nullable String[] procedure() {
		return null;
	}

	@BeforeEach
	void wrapPool() throws SQLException {
		this.pool = createPool();
		this.dataSource = new DataSourceWrapper(
				new CaptureListener(new SqlFingerprinter(), List.of(this.events::add), true),
				(name, target) -> this.connectionEvents, Set.of())
			.wrap("dataSource", this.pool);
		try (Connection connection = this.pool.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("drop table if exists item");
			statement.execute("create table item (id int primary key, name varchar(20))");
		}
	}

	@AfterEach
	void closePool() {
		this.pool.close();
	}

	@Test
	void whenAPreparedStatementRunsThenOneEventCarriesItsSqlRowsAndParameters() throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement insert = connection.prepareStatement("insert into item values (?, ?)")) {
			insert.setInt(1, 1);
			insert.setString(2, "one");
			assertThat(insert.executeUpdate()).isOne();
		}
		assertThat(this.events).singleElement().satisfies((event) -> {
			assertThat(event.sql()).isEqualTo("insert into item values (?, ?)");
			assertThat(event.dataSource()).isEqualTo("dataSource");
			assertThat(event.success()).isTrue();
			assertThat(event.rows()).isOne();
			assertThat(event.batchSize()).isZero();
			assertThat(event.parameters()).containsExactly(List.of("1", "one"));
			assertThat(event.elapsedNanos()).isPositive();
		});
	}

	@Test
	void whenTheDriverFailsThenItsExceptionReachesTheCallerUnchangedAndTheEventSaysSo() throws SQLException {
		Throwable raw;
		try (Connection connection = this.pool.getConnection(); Statement statement = connection.createStatement()) {
			raw = catchThrowable(() -> statement.executeQuery("select * from missing_table"));
		}
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> statement.executeQuery("select * from missing_table"))
				.isExactlyInstanceOf(raw.getClass())
				.withMessage(raw.getMessage());
		}
		assertThat(this.events).singleElement().satisfies((event) -> {
			assertThat(event.sql()).isEqualTo("select * from missing_table");
			assertThat(event.success()).isFalse();
		});
	}

	@Test
	void whenAPreparedBatchRunsThenTheCountsAreTheDriversAndOneEventCarriesEveryParameterSet() throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement insert = connection.prepareStatement("insert into item values (?, ?)")) {
			for (int id = 1; id <= 3; id++) {
				insert.setInt(1, id);
				insert.setString(2, "item " + id);
				insert.addBatch();
			}
			int[] counts = insert.executeBatch();
			assertThat(counts).hasSize(3);
		}
		assertThat(count("select count(*) from item")).isEqualTo(3);
		assertThat(this.events).singleElement().satisfies((event) -> {
			assertThat(event.batchSize()).isEqualTo(3);
			assertThat(event.success()).isTrue();
			assertThat(event.parameters()).containsExactly(List.of("1", "item 1"), List.of("2", "item 2"),
					List.of("3", "item 3"));
		});
	}

	@Test
	void whenAStatementBatchRunsThenEachSqlIsOneEventOfTheBatch() throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			statement.addBatch("insert into item values (1, 'one')");
			statement.addBatch("insert into item values (2, 'two')");
			assertThat(statement.executeBatch()).hasSize(2);
			statement.addBatch("insert into item values (3, 'three')");
			statement.clearBatch();
			assertThat(statement.executeBatch()).isEmpty();
		}
		assertThat(count("select count(*) from item")).isEqualTo(2);
		assertThat(this.events).extracting(StatementEvent::sql, StatementEvent::batchSize)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("insert into item values (1, 'one')", 2),
					org.assertj.core.groups.Tuple.tuple("insert into item values (2, 'two')", 2));
	}

	@Test
	void whenAStatementBatchRunsThenEachSqlCarriesItsOwnRowCount() throws SQLException {
		try (Connection connection = this.pool.getConnection(); Statement statement = connection.createStatement()) {
			statement.executeUpdate("insert into item values (1, 'one'), (2, 'two'), (3, 'three'), (4, 'four')");
		}
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			statement.addBatch("update item set name = 'a' where id = 1");
			statement.addBatch("update item set name = 'b' where id > 1");
			assertThat(statement.executeBatch()).containsExactly(1, 3);
			statement.addBatch("update item set name = 'c' where id > 1");
			statement.addBatch("update item set name = 'd' where id = 1");
			assertThat(statement.executeLargeBatch()).containsExactly(3L, 1L);
		}
		assertThat(this.events).extracting(StatementEvent::rows).containsExactly(1L, 3L, 3L, 1L);
	}

	@Test
	void whenKeysAreGeneratedThenTheDriverReturnsThem() throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("drop table if exists numbered");
			statement.execute(autoIncrementTable());
		}
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement insert = connection.prepareStatement("insert into numbered (name) values (?)",
						Statement.RETURN_GENERATED_KEYS)) {
			insert.setString(1, "first");
			assertThat(insert.executeUpdate()).isOne();
			try (ResultSet keys = insert.getGeneratedKeys()) {
				assertThat(keys.next()).isTrue();
				assertThat(keys.getLong(1)).isPositive();
			}
		}
	}

	String callableSql() {
		return "select 1";
	}

	String autoIncrementTable() {
		return "create table numbered (id int auto_increment primary key, name varchar(20))";
	}

	@Test
	void whenLargeUpdatesRunThenTheirCountsAreReported() throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement();
				PreparedStatement insert = connection.prepareStatement("insert into item values (?, 'x')")) {
			insert.setLong(1, 10);
			assertThat(insert.executeLargeUpdate()).isOne();
			assertThat(statement.executeLargeUpdate("update item set name = 'y'")).isOne();
		}
		assertThat(this.events).extracting(StatementEvent::rows).containsExactly(1L, 1L);
	}

	@Test
	void whenJdbc43MethodsAreCalledThenTheDriverAnswers() throws SQLException {
		try (Connection raw = this.pool.getConnection();
				Statement rawStatement = raw.createStatement();
				Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			connection.beginRequest();
			assertThat(statement.enquoteLiteral("it's")).isEqualTo(rawStatement.enquoteLiteral("it's")).startsWith("'");
			assertThat(statement.enquoteNCharLiteral("it's")).isEqualTo(rawStatement.enquoteNCharLiteral("it's"));
			assertThat(statement.enquoteIdentifier("name", true))
				.isEqualTo(rawStatement.enquoteIdentifier("name", true))
				.contains("name");
			assertThat(statement.isSimpleIdentifier("name")).isEqualTo(rawStatement.isSimpleIdentifier("name"));
			connection.endRequest();
			connection.setReadOnly(true);
			assertThat(connection.isReadOnly()).isTrue();
			connection.setReadOnly(false);
		}
	}

	@Test
	void whenUnwrappedThenThePoolAndTheDriversConnectionAreReached() throws SQLException {
		assertThat(this.dataSource.isWrapperFor(HikariDataSource.class)).isTrue();
		assertThat(this.dataSource.unwrap(HikariDataSource.class)).isSameAs(this.pool);
		assertThat(DataSourceUnwrapper.unwrap(this.dataSource, HikariConfigMXBean.class, HikariDataSource.class))
			.isSameAs(this.pool);
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement("select 1")) {
			assertThat(connection.unwrap(Connection.class)).isSameAs(connection);
			assertThat(connection.isWrapperFor(driverConnectionType())).isTrue();
			Object driver = connection.unwrap(driverConnectionType());
			assertThat(driver).isInstanceOf(driverConnectionType()).isNotSameAs(connection);
			assertThat(statement.unwrap(PreparedStatement.class)).isSameAs(statement);
			assertThat(statement.isWrapperFor(Runnable.class)).isFalse();
		}
	}

	@Test
	void whenAStatementAsksForItsConnectionThenItGetsTheWrapper() throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement();
				PreparedStatement prepared = connection.prepareStatement("select 1");
				CallableStatement callable = connection.prepareCall(callableSql())) {
			assertThat(statement.getConnection()).isSameAs(connection);
			assertThat(prepared.getConnection()).isSameAs(connection);
			assertThat(callable.getConnection()).isSameAs(connection);
		}
	}

	@Test
	void whenAConnectionIsClosedTwiceThenItsHoldEndsOnceAndTheDriverIsNotBothered() throws SQLException {
		Connection connection = this.dataSource.getConnection();
		connection.close();
		connection.close();
		assertThat(connection.isClosed()).isTrue();
		assertThat(this.connectionEvents.closed).hasValue(1);
		assertThat(this.pool.getHikariPoolMXBean().getActiveConnections()).isZero();
	}

	@Test
	void whenAConnectionIsClosedAfterBeingAbortedThenItsHoldEndsOnce() throws SQLException {
		Connection connection = this.dataSource.getConnection();
		connection.abort(Runnable::run);
		// Some drivers' close() fails on an aborted connection: the hold has ended anyway
		catchThrowable(connection::close);
		assertThat(this.connectionEvents.closed).hasValue(1);
	}

	@Test
	void whenAStatementIsClosedThenAskingForItsConnectionAnswersAsOnTheDriver() throws SQLException {
		try (Connection pooled = this.pool.getConnection()) {
			// The driver's own connection: a pool's statement proxy answers without
			// asking it
			Connection driver = (Connection) pooled.unwrap(driverConnectionType());
			Connection wrapped = new CapturingConnection(driver,
					new CaptureListener(new SqlFingerprinter(), List.of(), false), ConnectionEvents.NONE, null);
			Statement driverStatement = driver.createStatement();
			driverStatement.close();
			Statement statement = wrapped.createStatement();
			statement.close();
			Throwable expected = catchThrowable(driverStatement::getConnection);
			if (expected == null) {
				assertThat(statement.getConnection()).isSameAs(wrapped);
			}
			else {
				assertFailsAlike(driverStatement::getConnection, statement::getConnection);
			}
		}
	}

	@Test
	void whenTheConnectionIsClosedThenCreatingAndRunningStatementsFailAsOnTheDriver() throws SQLException {
		Connection raw = this.pool.getConnection();
		Statement rawStatement = raw.createStatement();
		raw.close();
		Connection wrapped = this.dataSource.getConnection();
		Statement wrappedStatement = wrapped.createStatement();
		wrapped.close();
		assertFailsAlike(() -> raw.createStatement(), () -> wrapped.createStatement());
		assertFailsAlike(() -> raw.prepareStatement("select 1"), () -> wrapped.prepareStatement("select 1"));
		assertFailsAlike(() -> raw.prepareCall(callableSql()), () -> wrapped.prepareCall(callableSql()));
		assertFailsAlike(() -> rawStatement.executeQuery("select 1"), () -> wrappedStatement.executeQuery("select 1"));
	}

	@Test
	void whenTheSameValuesAreBoundThenTheParameterHashIsTheSameWhicheverSetterBoundThem() throws SQLException {
		UnitOfWorkContext.recording(true);
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement select = connection.prepareStatement("select name from item where id = ?")) {
			select.setInt(1, 7);
			select.executeQuery().close();
			select.setObject(1, 7);
			select.executeQuery().close();
			select.setInt(1, 8);
			select.executeQuery().close();
			select.clearParameters();
			select.setInt(1, 7);
			select.executeQuery().close();
		}
		finally {
			UnitOfWorkContext.recording(false);
		}
		assertThat(this.events).extracting(StatementEvent::parameterHash).satisfies((hashes) -> {
			assertThat(hashes.get(0)).isNotZero().isEqualTo(hashes.get(1)).isEqualTo(hashes.get(3));
			assertThat(hashes.get(2)).isNotEqualTo(hashes.get(0));
		});
	}

	@Test
	void whenAProcedureIsCalledThenItsExecutionIsReported() throws SQLException {
		String[] procedure = procedure();
		assumeTrue(procedure != null, "no stored procedure on this database");
		try (Connection connection = this.pool.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(procedure[0]);
		}
		try (Connection connection = this.dataSource.getConnection();
				CallableStatement call = connection.prepareCall(procedure[1])) {
			call.setInt(1, 21);
			try (ResultSet result = call.executeQuery()) {
				assertThat(result.next()).isTrue();
				assertThat(result.getInt(1)).isEqualTo(42);
			}
		}
		assertThat(this.events).singleElement().satisfies((event) -> {
			assertThat(event.sql()).isEqualTo(procedure[1]);
			assertThat(event.parameters()).containsExactly(List.of("21"));
		});
	}

	private static void assertFailsAlike(Executable onDriver, Executable onWrapper) {
		Throwable expected = catchThrowable(onDriver::execute);
		Throwable actual = catchThrowable(onWrapper::execute);
		assertThat(expected).as("driver's failure").isInstanceOf(SQLException.class);
		assertThat(actual).isExactlyInstanceOf(expected.getClass()).hasMessage(expected.getMessage());
	}

	private int count(String sql) throws SQLException {
		try (Connection connection = this.pool.getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getInt(1);
		}
	}

}
