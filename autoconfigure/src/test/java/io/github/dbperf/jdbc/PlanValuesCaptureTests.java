package io.github.dbperf.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.dbperf.context.StartupPhase;
import io.github.dbperf.context.UnitOfWorkContext;
import io.github.dbperf.sql.SqlFingerprinter;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the values {@link CaptureListener} holds for plans: only for executions at
 * least as slow as its threshold, only without parameter capture, and never shown.
 *
 * @author dbperf
 */
class PlanValuesCaptureTests {

	private static final String SECRET = "s3cr3t-plan-value";

	private final List<StatementEvent> events = new CopyOnWriteArrayList<>();

	private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

	private Connection raw;

	@BeforeEach
	void createTable() throws SQLException {
		this.raw = DriverManager.getConnection(this.url);
		try (Statement statement = this.raw.createStatement()) {
			statement.execute("create table item (id bigint primary key, name varchar(40), qty int, "
					+ "price double, sold boolean, weight real, code smallint)");
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
	void whenBelowTheThresholdThenNoValuesAreHeld() throws SQLException {
		select(false, Duration.ofDays(1));
		assertThat(this.events).singleElement().satisfies((event) -> {
			assertThat(event.parameters()).isNull();
			assertThat(event.planValues()).isNull();
		});
	}

	@Test
	void whenNoThresholdIsSetThenNoValuesAreHeld() throws SQLException {
		select(false, null);
		assertThat(this.events).singleElement().satisfies((event) -> assertThat(event.planValues()).isNull());
	}

	@Test
	void whenAtTheThresholdThenEveryValueIsHeldIncludingPrimitivesButNeverShown() throws SQLException {
		select(false, Duration.ZERO);
		assertThat(this.events).singleElement().satisfies((event) -> {
			assertThat(event.parameters()).isNull();
			assertThat(event.planValues())
				.containsExactly(List.of("9007199254740993", SECRET, "42", "2.5", "1", "1.25", "-7"));
			assertThat(event.toString()).doesNotContain(SECRET).contains("planValues=(held for a plan)");
			assertThat(event.withoutPlanValues().planValues()).isNull();
			assertThat(event.withoutPlanValues().fingerprint()).isEqualTo(event.fingerprint());
		});
	}

	@Test
	void whenParametersAreCapturedThenTheyAreNotHeldAgainForPlans() throws SQLException {
		select(true, Duration.ZERO);
		assertThat(this.events).singleElement().satisfies((event) -> {
			assertThat(event.parameters()).singleElement(InstanceOfAssertFactories.LIST).contains(SECRET);
			assertThat(event.planValues()).isNull();
		});
	}

	@Test
	void whenPrimitivesAreNotBoxedThenTheirHashStillEqualsTheBoxedValuesHash() throws SQLException {
		UnitOfWorkContext.recording(true);
		try (Connection connection = wrapped(false, null);
				PreparedStatement select = connection
					.prepareStatement("select id from item where id = ? and qty = ? and price = ? and sold = ?")) {
			select.setLong(1, 9007199254740993L);
			select.setInt(2, 42);
			select.setDouble(3, 2.5);
			select.setBoolean(4, true);
			select.executeQuery().close();
			select.setObject(1, 9007199254740993L);
			select.setObject(2, 42);
			select.setObject(3, 2.5);
			select.setObject(4, true);
			select.executeQuery().close();
			select.setLong(1, 9007199254740994L);
			select.executeQuery().close();
		}
		finally {
			UnitOfWorkContext.recording(false);
		}
		assertThat(this.events).extracting(StatementEvent::parameterHash).satisfies((hashes) -> {
			assertThat(hashes.get(1)).isEqualTo(hashes.get(0));
			assertThat(hashes.get(2)).isNotEqualTo(hashes.get(0));
		});
	}

	private void select(boolean captureParameters, @Nullable Duration threshold) throws SQLException {
		try (Connection connection = wrapped(captureParameters, threshold);
				PreparedStatement select = connection.prepareStatement("select id from item where id = ? and name = ? "
						+ "and qty = ? and price = ? and sold = ? and weight = ? and code = ?")) {
			select.setLong(1, 9007199254740993L);
			select.setString(2, SECRET);
			select.setInt(3, 42);
			select.setDouble(4, 2.5);
			select.setBoolean(5, true);
			select.setFloat(6, 1.25f);
			select.setShort(7, (short) -7);
			select.executeQuery().close();
		}
	}

	private Connection wrapped(boolean captureParameters, @Nullable Duration threshold) throws SQLException {
		return new CapturingConnection(
				DriverManager.getConnection(this.url), new CaptureListener(new SqlFingerprinter(),
						List.of(this.events::add), captureParameters, StartupPhase.none(), threshold),
				ConnectionEvents.NONE, null);
	}

}
