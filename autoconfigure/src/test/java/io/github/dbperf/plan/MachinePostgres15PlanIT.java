package io.github.dbperf.plan;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import io.github.dbperf.rules.Rules;
import io.github.dbperf.sql.SqlDialect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plans on the machine's PostgreSQL 15 (localhost:5432): the generic plan through
 * {@code PREPARE}, and a suggestion verified with a HypoPG hypothetical index. Skipped,
 * with the reason, when that server or the extension is missing
 * ({@code apt-get install postgresql-15-hypopg}).
 *
 * @author dbperf
 */
class MachinePostgres15PlanIT {

	private static final String SERVER = "jdbc:postgresql://localhost:5432/";

	private static final String DATABASE = "dbperf_plans_it";

	private static PlanFixture fixture;

	@BeforeAll
	static void seed() {
		try (Connection connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
				Statement statement = connection.createStatement()) {
			Assumptions.assumeTrue(connection.getMetaData().getDatabaseMajorVersion() == 15,
					"The machine's PostgreSQL on localhost:5432 is not version 15");
			statement.execute("drop database if exists " + DATABASE);
			statement.execute("create database " + DATABASE);
		}
		catch (SQLException ex) {
			Assumptions.abort("The machine's PostgreSQL 15 on localhost:5432 is not reachable: " + ex.getMessage());
		}
		try (Connection connection = DriverManager.getConnection(SERVER + DATABASE, "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("create extension hypopg");
		}
		catch (SQLException ex) {
			Assumptions.abort("HypoPG is not installed for PostgreSQL 15 (apt-get install postgresql-15-hypopg): "
					+ ex.getMessage());
		}
		fixture = new PlanFixture(SERVER + DATABASE, "postgres", null, SqlDialect.POSTGRESQL,
				PlanFixture.settings(PlanSettings.GenericPlan.AUTO));
		fixture.execute(
				"create table orders (id bigint primary key, customer_id bigint not null, "
						+ "state varchar(20) not null, total numeric not null)",
				"insert into orders select g, g % 5000, case when g % 7 = 0 then 'open' else 'closed' end, g "
						+ "from generate_series(1, 100000) g",
				"analyze orders");
	}

	@AfterAll
	static void close() {
		if (fixture != null) {
			fixture.close();
		}
	}

	@Test
	void postgres15PlansThroughPrepareAndHypopgVerifiesTheSuggestion() {
		PlanAnswer answer = fixture.plan("select * from orders where customer_id = ? and state = ?");
		assertThat(answer.status()).isEqualTo(PlanAnswer.Status.CAPTURED);
		assertThat(answer.plan().database()).startsWith("PostgreSQL 15");
		assertThat(answer.plan().source()).startsWith("PREPARE with plan_cache_mode = force_generic_plan");
		assertThat(answer.plan().findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo(Rules.PLAN_MISSING_INDEX.id());
			assertThat(finding.columns()).containsExactly("customer_id", "state");
			assertThat(finding.verified()).isTrue();
			assertThat(finding.costAfter()).isLessThan(finding.costBefore() / 10);
			assertThat(finding.message()).contains("HypoPG: estimated cost");
		});
	}

	@Test
	void hypotheticalIndexesAndPreparedStatementsAreGoneAfterwards() throws SQLException {
		fixture.plan("select * from orders where total > ?");
		fixture.plan("delete from orders where state = ?");
		assertThat(fixture.count("orders")).isEqualTo(100_000);
		try (Connection connection = fixture.pool.getConnection(); Statement statement = connection.createStatement()) {
			var result = statement.executeQuery("select (select count(*) from hypopg_list_indexes), "
					+ "(select count(*) from pg_prepared_statements where name like 'dbperf_plan_%')");
			result.next();
			assertThat(result.getLong(1)).isZero();
			assertThat(result.getLong(2)).isZero();
		}
	}

}
