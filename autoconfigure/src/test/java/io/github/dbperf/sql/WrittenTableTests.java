package io.github.dbperf.sql;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The table each write form writes, per dialect, and the tables it reads.
 */
class WrittenTableTests {

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '~',
			textBlock = """
					GENERIC    | insert into category (id, name) values (1, 'a')                          | INSERT | category       |
					GENERIC    | update category set name = 'a' where id = 1                              | UPDATE | category       |
					GENERIC    | delete from category where id = 1                                        | DELETE | category       |
					POSTGRESQL | truncate table category                                                  | DELETE | category       |
					POSTGRESQL | truncate category restart identity                                       | DELETE | category       |
					POSTGRESQL | TRUNCATE TABLE ONLY category                                             | DELETE | category       |
					POSTGRESQL | delete from ONLY category where id = 1                                   | DELETE | category       |
					POSTGRESQL | update only category set name = 'a'                                      | UPDATE | category       |
					POSTGRESQL | with x as (select id from a) insert into b select id from x              | INSERT | b              | a
					POSTGRESQL | with x as (select id from a) update b set n = 1 where id in (select id from x) | UPDATE | b  | a
					POSTGRESQL | with x as (select id from a) delete from b where id in (select id from x) | DELETE | b              | a
					POSTGRESQL | insert into category (id, name) values (1, 'a') on conflict (id) do update set name = excluded.name | INSERT | category |
					POSTGRESQL | insert into category as c (id, name) values (?, ?) on conflict (id) do update set name = ? where c.id = ? | INSERT | category |
					POSTGRESQL | insert into category (id) values (1) on conflict do nothing              | INSERT | category       |
					POSTGRESQL | delete from category c using other o where c.id = o.id                   | DELETE | category       | other
					POSTGRESQL | insert into "Shop"."Category" (id) values (1)                            | INSERT | shop.category  |
					POSTGRESQL | update public.category set name = ?                                      | UPDATE | public.category |
					POSTGRESQL | merge into category c using staged s on c.id = s.id when matched then update set name = s.name when not matched then insert (id, name) values (s.id, s.name) | INSERT | category | staged
					MYSQL      | replace into category (id, name) values (1, 'a')                         | INSERT | category       |
					MYSQL      | replace category set id = 1                                              | INSERT | category       |
					MYSQL      | insert ignore into category (id) values (1)                              | INSERT | category       |
					MYSQL      | insert into category (id, name) values (1, 'a') on duplicate key update name = values(name) | INSERT | category |
					MYSQL      | insert into `shop`.`category` (id) values (1)                            | INSERT | shop.category  |
					MYSQL      | delete low_priority quick from category where id = 1                     | DELETE | category       |
					MYSQL      | truncate table category                                                  | DELETE | category       |
					MYSQL      | update category c join other o on o.id = c.id set c.name = o.name        | UPDATE | category       | other
					H2         | merge into category key (id) values (1, 'a')                             | INSERT | category       |
					SQL_SERVER | merge category as c using staged as s on c.id = s.id when matched then delete; | INSERT | category | staged
					SQL_SERVER | insert into [dbo].[Category] (id) values (1)                             | INSERT | dbo.category   |
					SQL_SERVER | delete top (10) from category where id = 1                               | DELETE | category       |
					SQL_SERVER | update [category] set name = N'a'                                        | UPDATE | category       |
					ORACLE     | merge into category c using (select 1 id from dual) s on (c.id = s.id) when matched then update set c.name = 'a' | INSERT | category | dual
					ORACLE     | insert into shop.category (id) values (1)                                | INSERT | shop.category  |
					""")
	void writeFormsNameTheTableTheyWrite(SqlDialect dialect, String sql, Operation operation, String written,
			String read) {
		Fingerprint fingerprint = SqlFingerprinter.compute(sql, dialect);
		assertThat(fingerprint.operation()).isEqualTo(operation);
		assertThat(fingerprint.writtenTable()).isEqualTo(written);
		if (read != null) {
			assertThat(fingerprint.tables()).contains(read).doesNotContain(written);
		}
		else {
			assertThat(fingerprint.tables()).isEmpty();
		}
	}

}
