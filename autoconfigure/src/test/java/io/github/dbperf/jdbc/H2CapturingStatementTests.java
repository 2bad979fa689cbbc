package io.github.dbperf.jdbc;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.dbperf.context.UnitOfWorkContext;
import io.github.dbperf.sql.SqlFingerprinter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What dbperf's statement wrappers promise directly on H2's own connection, without a
 * pool in between: the application's values cannot make a statement fail, and bound
 * values are not kept longer than needed.
 */
class H2CapturingStatementTests {

	private static final int TEN_MEGABYTES = 10 * 1024 * 1024;

	private final List<StatementEvent> events = new CopyOnWriteArrayList<>();

	private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

	private Connection raw;

	@BeforeEach
	void createTables() throws SQLException {
		this.raw = DriverManager.getConnection(this.url);
		try (Statement statement = this.raw.createStatement()) {
			statement.execute("create table item (id decimal(10, 0) primary key, name varchar(20))");
			statement.execute("create table doc (id int, data blob)");
		}
	}

	@AfterEach
	void close() throws SQLException {
		try (Statement statement = this.raw.createStatement()) {
			statement.execute("shutdown");
		}
		this.raw.close();
	}

	@Test
	void whenAValuesHashCodeOrToStringThrowsThenAddBatchStillSucceedsAndTheBatchRuns() throws SQLException {
		UnitOfWorkContext.recording(true);
		try (Connection connection = wrapped(true);
				PreparedStatement insert = connection.prepareStatement("insert into item values (?, ?)")) {
			insert.setObject(1, new HostileNumber(1));
			insert.setString(2, "one");
			insert.addBatch();
			assertThat(insert.executeBatch()).containsExactly(1);
		}
		finally {
			UnitOfWorkContext.recording(false);
		}
		try (Statement statement = this.raw.createStatement()) {
			assertThat(statement.executeQuery("select count(*) from item")).satisfies((result) -> {
				assertThat(result.next()).isTrue();
				assertThat(result.getInt(1)).isOne();
			});
		}
		assertThat(this.events).singleElement().satisfies((event) -> assertThat(event.batchSize()).isOne());
	}

	@Test
	void whenH2RejectsABatchRowThenItsExceptionReachesTheCallerUnchanged() throws SQLException {
		try (Connection connection = wrapped(true);
				PreparedStatement rawInsert = this.raw.prepareStatement("insert into item values (?, ?)");
				PreparedStatement insert = connection.prepareStatement("insert into item values (?, ?)")) {
			assertFailsAlike(rawInsert::addBatch, insert::addBatch);
		}
	}

	@Test
	void whenAPreparedStatementIsClosedThenItKeepsNoBoundValue() throws SQLException {
		try (Connection connection = wrapped(true)) {
			PreparedStatement insert = connection.prepareStatement("insert into doc values (?, ?)");
			insert.setInt(1, 1);
			insert.setBytes(2, new byte[TEN_MEGABYTES]);
			insert.addBatch();
			assertThat(keepsValues(insert)).isTrue();
			insert.close();
			assertThat(keepsValues(insert)).isFalse();
		}
	}

	@Test
	void whenParametersAreNotCapturedThenNoByteArrayStreamOrReaderIsKept() throws SQLException {
		try (Connection connection = wrapped(false);
				PreparedStatement insert = connection.prepareStatement("insert into doc values (?, ?)")) {
			insert.setBytes(2, new byte[TEN_MEGABYTES]);
			assertThat(keepsValues(insert)).isFalse();
			insert.setObject(2, new byte[TEN_MEGABYTES]);
			assertThat(keepsValues(insert)).isFalse();
			insert.setBinaryStream(2, new ByteArrayInputStream(new byte[16]));
			assertThat(keepsValues(insert)).isFalse();
			insert.setObject(2, new ByteArrayInputStream(new byte[16]));
			assertThat(keepsValues(insert)).isFalse();
			insert.setInt(1, 1);
			insert.executeUpdate();
		}
	}

	@Test
	void whenEqualByteArraysAreBoundWithoutCaptureThenTheParameterHashIsTheSame() throws SQLException {
		UnitOfWorkContext.recording(true);
		try (Connection connection = wrapped(false);
				PreparedStatement select = connection.prepareStatement("select id from doc where data = ?")) {
			select.setBytes(1, new byte[] { 1, 2 });
			select.executeQuery().close();
			select.setObject(1, new byte[] { 1, 2 });
			select.executeQuery().close();
			select.setBytes(1, new byte[] { 1, 3 });
			select.executeQuery().close();
		}
		finally {
			UnitOfWorkContext.recording(false);
		}
		assertThat(this.events).extracting(StatementEvent::parameterHash).satisfies((hashes) -> {
			assertThat(hashes.get(0)).isEqualTo(hashes.get(1));
			assertThat(hashes.get(2)).isNotEqualTo(hashes.get(0));
		});
	}

	private Connection wrapped(boolean captureParameters) throws SQLException {
		return new CapturingConnection(DriverManager.getConnection(this.url),
				new CaptureListener(new SqlFingerprinter(), List.of(this.events::add), captureParameters),
				ConnectionEvents.NONE, null);
	}

	private static boolean keepsValues(PreparedStatement statement) {
		return ((CapturingPreparedStatement<?>) statement).keepsValues();
	}

	private static void assertFailsAlike(Executable onDriver, Executable onWrapper) {
		Throwable expected = catchThrowable(onDriver::execute);
		Throwable actual = catchThrowable(onWrapper::execute);
		assertThat(expected).as("H2's failure").isInstanceOf(SQLException.class);
		assertThat(actual).isExactlyInstanceOf(expected.getClass()).hasMessage(expected.getMessage());
	}

	/**
	 * An application's number whose {@code hashCode()} and {@code toString()} fail.
	 */
	static final class HostileNumber extends BigDecimal {

		HostileNumber(int value) {
			super(value);
		}

		@Override
		public int hashCode() {
			throw new IllegalStateException("hashCode");
		}

		@Override
		public String toString() {
			throw new IllegalStateException("toString");
		}

		@Override
		public boolean equals(Object other) {
			return super.equals(other);
		}

	}

}
