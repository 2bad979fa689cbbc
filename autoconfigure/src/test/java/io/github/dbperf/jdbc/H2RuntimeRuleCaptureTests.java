package io.github.dbperf.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.dbperf.context.RepositoryContext;
import io.github.dbperf.context.UnitOfWorkContext;
import io.github.dbperf.sql.SqlFingerprinter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the JDBC wrappers tell the runtime rules, on H2's own connection: writes in
 * auto-commit mode inside a unit of work, the first select of a paged repository call,
 * and the rows read from a query's result.
 */
class H2RuntimeRuleCaptureTests {

	private final List<StatementEvent> events = new CopyOnWriteArrayList<>();

	private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

	private final CountingUnit unit = new CountingUnit();

	@BeforeEach
	void createTable() throws SQLException {
		try (Connection raw = DriverManager.getConnection(this.url); Statement statement = raw.createStatement()) {
			statement.execute("create table item (id int primary key)");
			statement.execute("insert into item select x from system_range(1, 5)");
		}
		UnitOfWorkContext.set(this.unit);
	}

	@AfterEach
	void clear() throws SQLException {
		UnitOfWorkContext.set(null);
		try (Connection raw = DriverManager.getConnection(this.url); Statement statement = raw.createStatement()) {
			statement.execute("shutdown");
		}
	}

	@Test
	void whenAWriteRunsInAutoCommitModeThenItsEventSaysSoAndNotOnceAutoCommitIsOff() throws SQLException {
		try (Connection connection = wrapped(); Statement statement = connection.createStatement()) {
			statement.executeUpdate("update item set id = id where id = 1");
			statement.executeQuery("select id from item where id = 1").close();
			connection.setAutoCommit(false);
			statement.executeUpdate("update item set id = id where id = 2");
			connection.commit();
		}
		assertThat(this.events).extracting(StatementEvent::autoCommitWrite).containsExactly(true, false, false);
	}

	@Test
	void whenAConnectionIsOnlyValidatedOrReadForMetadataThenItIsNotReportedUnused() throws SQLException {
		try (Connection connection = wrapped()) {
			assertThat(connection.isValid(1)).isTrue();
		}
		try (Connection connection = wrapped()) {
			assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("H2");
		}
		assertThat(this.unit.unused).isZero();
		try (Connection connection = wrapped()) {
			assertThat(connection.getAutoCommit()).isTrue();
		}
		assertThat(this.unit.unused).isEqualTo(1);
	}

	@Test
	void whenNoUnitOfWorkRunsThenWritesAreNotMarked() throws SQLException {
		UnitOfWorkContext.set(null);
		try (Connection connection = wrapped(); Statement statement = connection.createStatement()) {
			statement.executeUpdate("update item set id = id where id = 1");
		}
		assertThat(this.events).singleElement().satisfies((event) -> assertThat(event.autoCommitWrite()).isFalse());
	}

	@Test
	void whenAPagedRepositoryCallRunsThenOnlyItsFirstSelectIsMarked() throws SQLException {
		RepositoryContext.Frame frame = RepositoryContext.enter("ItemRepository.findPage", true);
		try (Connection connection = wrapped(); Statement statement = connection.createStatement()) {
			statement.executeUpdate("update item set id = id where id = 1");
			statement.executeQuery("select id from item").close();
			statement.executeQuery("select id from item where id = 1").close();
		}
		finally {
			RepositoryContext.exit(frame);
		}
		assertThat(this.events).extracting(StatementEvent::firstSelectOfPagedCall).containsExactly(false, true, false);
	}

	@Test
	void whenTheUnitCountsRowsThenTheRowsReadAreReportedOnceWhenTheResultEnds() throws SQLException {
		this.unit.counts = true;
		try (Connection connection = wrapped();
				PreparedStatement query = connection.prepareStatement("select id from item order by id")) {
			try (ResultSet result = query.executeQuery()) {
				while (result.next()) {
					assertThat(result.getInt(1)).isPositive();
				}
				assertThat(result.isWrapperFor(CountingResultSet.class)).isTrue();
			}
			try (ResultSet result = query.executeQuery()) {
				result.next();
			}
		}
		assertThat(this.unit.reads).containsExactly("select id from item order by id=5",
				"select id from item order by id=1");
	}

	@Test
	void whenTheUnitDoesNotCountRowsThenTheDriversResultIsReturned() throws SQLException {
		try (Connection connection = wrapped();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("select id from item")) {
			assertThat(result.isWrapperFor(CountingResultSet.class)).isFalse();
		}
		assertThat(this.unit.reads).isEmpty();
	}

	private Connection wrapped() throws SQLException {
		return new CapturingConnection(DriverManager.getConnection(this.url),
				new CaptureListener(new SqlFingerprinter(), List.of(this.events::add), false), ConnectionEvents.NONE,
				null);
	}

	private static final class CountingUnit implements UnitOfWorkContext.Unit {

		private final List<String> reads = new ArrayList<>();

		private boolean counts;

		private int unused;

		@Override
		public void connectionWithoutStatement() {
			this.unused++;
		}

		@Override
		public String name() {
			return "test";
		}

		@Override
		public boolean countsRows() {
			return this.counts;
		}

		@Override
		public void rowsRead(String sql, int rows) {
			this.reads.add(sql + "=" + rows);
		}

	}

}
