package io.github.dbperf.sql;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every literal form of each {@link SqlDialect} folds to {@code ?}: the secret in it
 * never reaches the normalized text, and the statement shares the fingerprint of the same
 * statement with a plain {@code ?}.
 */
class SqlDialectLiteralTests {

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
			MYSQL      | select * from t where a = 'O\\'Secret'
			MYSQL      | select * from t where a = 'Secret\\\\'
			MYSQL      | select * from t where a = "Secret"
			MYSQL      | select * from t where a = "O\\"Secret"
			MYSQL      | select * from t where a = ? # Secret
			MYSQL      | select * from t where a = ? -- Secret
			MYSQL      | select * from t where a = ? /* Secret */
			MYSQL      | select * from t where a = 0b1010
			MYSQL      | select * from t where a = b'1010'
			MYSQL      | select * from t where a = x'5365637265'
			MYSQL      | select * from t where a = 0x5365637265
			MYSQL      | select * from t where a = _utf8mb4'Secret'
			MYSQL      | select * from t where a = _latin1"Secret"
			MYSQL      | select * from t where a = _binary'Secret'
			MYSQL      | select * from t where a = N'Secret'
			MYSQL      | select * from t where a = 1.5e-3
			POSTGRESQL | select * from t where a = 'O''Secret'
			POSTGRESQL | select * from t where a = E'O\\'Secret'
			POSTGRESQL | select * from t where a = $$Secret$$
			POSTGRESQL | select * from t where a = $tag$Secret's$tag$
			POSTGRESQL | select * from t where a = B'1010'
			POSTGRESQL | select * from t where a = X'1F'
			POSTGRESQL | select * from t where a = 0x1F
			POSTGRESQL | select * from t where a = 0o17
			POSTGRESQL | select * from t where a = 1_000_000
			POSTGRESQL | select * from t where a = ? /* Secret /* nested */ Secret */
			POSTGRESQL | select * from t where a = $1
			H2         | select * from t where a = 'O''Secret'
			H2         | select * from t where a = $$Secret$$
			H2         | select * from t where a = ? // Secret
			H2         | select * from t where a = X'53'
			SQL_SERVER | select * from t where a = N'O''Secret'
			SQL_SERVER | select * from t where a = 0x5365637265
			SQL_SERVER | select * from t where a = ? /* Secret /* nested */ Secret */
			ORACLE     | select * from t where a = q'[O'Secret]'
			ORACLE     | select * from t where a = Q'{O'Secret}'
			ORACLE     | select * from t where a = nq'!O'Secret!'
			ORACLE     | select * from t where a = N'Secret'
			ORACLE     | select * from t where a = 1.5f
			GENERIC    | select * from t where a = 'O''Secret'
			GENERIC    | select * from t where a = 0b1010
			""")
	void literalsFoldAndNothingOfThemRemains(SqlDialect dialect, String sql) {
		Fingerprint fingerprint = SqlFingerprinter.compute(sql, dialect);
		assertThat(fingerprint.sql()).doesNotContainIgnoringCase("secret")
			.doesNotContain("1010")
			.doesNotContain("5365637265")
			.isEqualTo("select * from t where a = ?");
		assertThat(fingerprint.id()).isEqualTo(SqlFingerprinter.compute("select * from t where a = ?", dialect).id());
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "POSTGRESQL", "MYSQL", "H2", "SQL_SERVER", "ORACLE", "GENERIC" })
	void inlinedIdsShareOneFingerprint(SqlDialect dialect) {
		String expected = SqlFingerprinter.compute("select * from item where id = 1", dialect).id();
		for (int id = 2; id < 200; id++) {
			assertThat(SqlFingerprinter.compute("select * from item where id = " + id, dialect).id())
				.isEqualTo(expected);
		}
	}

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
			MYSQL      | select `Name` from `Shop`.`Item`                 | select `Name` from `Shop`.`Item`
			POSTGRESQL | select "Name" from "Item" where a # b = 1      | select "Name" from "Item" where a # b = ?
			SQL_SERVER | select [Name] from [dbo].[Item] where x = 1   | select "Name" from "dbo"."Item" where x = ?
			""")
	void identifiersStay(SqlDialect dialect, String sql, String expected) {
		assertThat(SqlFingerprinter.compute(sql, dialect).sql()).isEqualTo(expected);
	}

}
