package io.github.dbperf.sql;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TableNames}.
 */
class TableNamesTests {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
			category                | category
			public.category         | category
			shop.public.category    | category
			Category                | category
			"Category"              | category
			"Shop"."Category"       | category
			`shop`.`Category`       | category
			[dbo].[Category]        | category
			""")
	void whenANameIsQualifiedQuotedOrMixedCaseThenItIsUnqualifiedAsFingerprintsSpellIt(String table,
			String unqualified) {
		assertThat(TableNames.unqualified(table)).isEqualTo(unqualified);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
			POSTGRESQL | insert into "Shop"."Category" (id) values (1)
			MYSQL      | insert into `Shop`.`Category` (id) values (1)
			SQL_SERVER | insert into [Shop].[Category] (id) values (1)
			GENERIC    | insert into Shop.CATEGORY (id) values (1)
			""")
	void whenAFingerprintNamesTheTableThenItsUnqualifiedNameMatchesHibernates(SqlDialect dialect, String sql) {
		String written = new SqlFingerprinter().fingerprint(sql, dialect).writtenTables().iterator().next();
		assertThat(TableNames.unqualified(written)).isEqualTo(TableNames.unqualified("\"Shop\".\"Category\""));
	}

}
