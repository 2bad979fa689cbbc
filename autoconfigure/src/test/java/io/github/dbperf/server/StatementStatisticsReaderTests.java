package io.github.dbperf.server;

import io.github.dbperf.sql.SqlDialect;
import io.github.dbperf.sql.SqlFingerprinter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for matching the server's statement texts to the application's fingerprints.
 */
class StatementStatisticsReaderTests {

	@Test
	void whenPostgresSquashesAnInListThenItMatchesTheApplicationsListOfAnyLength() {
		PostgresStatementsReader reader = new PostgresStatementsReader();
		String server = PostgresStatementsReader
			.unsquash("select o1_0.id from owner o1_0 where o1_0.id in ($1 /*, ... */)");
		assertThat(reader.fingerprintId(server)).isEqualTo(SqlFingerprinter
			.compute("select o1_0.id from owner o1_0 where o1_0.id in (?,?,?)", SqlDialect.POSTGRESQL)
			.id());
	}

	@Test
	void whenPostgresNumbersItsPlaceholdersAndKeepsTheFirstTextsCaseThenItMatchesJdbcPlaceholders() {
		PostgresStatementsReader reader = new PostgresStatementsReader();
		assertThat(reader.fingerprintId("SELECT  Name\n  FROM Owner WHERE Id = $1 and name <> $2 limit $3"))
			.isEqualTo(SqlFingerprinter
				.compute("select name from owner where id = ? and name <> 'x' limit 10", SqlDialect.POSTGRESQL)
				.id());
	}

	@Test
	void whenMySqlDigestQuotesIdentifiersAndSquashesListsThenItMatchesTheApplicationsStatement() {
		MySqlStatementsReader reader = new MySqlStatementsReader();
		String digest = "SELECT `o` . `id` , `o` . `name` FROM `owner` `o` WHERE `o` . `id` IN (...) AND `o` . `name` = ?";
		assertThat(reader.fingerprintId(MySqlStatementsReader.unquote(digest))).isEqualTo(SqlFingerprinter
			.compute("select o.id, o.name from owner o where o.id in (1, 2, 3) and o.name = 'x'", SqlDialect.MYSQL)
			.id());
	}

	@Test
	void whenMySqlDigestFoldsAMultiRowInsertThenItMatchesTheApplicationsBatchInsert() {
		MySqlStatementsReader reader = new MySqlStatementsReader();
		String digest = "INSERT INTO `note` ( `id` , TEXT , `owner_id` ) VALUES (...) /* , ... */";
		assertThat(reader.fingerprintId(MySqlStatementsReader.unquote(digest))).isEqualTo(SqlFingerprinter
			.compute("insert into note (id, text, owner_id) values (1, 'a', 1), (2, 'b', 1)", SqlDialect.MYSQL)
			.id());
	}

}
