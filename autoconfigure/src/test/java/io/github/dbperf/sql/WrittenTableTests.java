package io.github.dbperf.sql;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tables each write form writes, per dialect, and the tables it reads.
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
					POSTGRESQL | truncate table a, b                                                      | DELETE | a,b            |
					POSTGRESQL | truncate a, b cascade                                                    | DELETE | a,b            |
					POSTGRESQL | truncate only a, b * restart identity                                    | DELETE | a,b            |
					POSTGRESQL | truncate "Shop"."A", public.b, c                                         | DELETE | shop.a,public.b,c |
					MYSQL      | delete t1, t2 from t1 join t2 on t1.id = t2.id where t1.id = 1           | DELETE | t1,t2          |
					MYSQL      | delete t1.*, t2.* from t1 inner join t2 on t1.id = t2.id                 | DELETE | t1,t2          |
					MYSQL      | delete a, o from category a join other o on o.id = a.id                  | DELETE | category,other |
					MYSQL      | delete a from category as a join other o on o.id = a.id where o.gone = 1 | DELETE | category       | other
					MYSQL      | delete quick t1 from t1, t2 where t1.id = t2.id                          | DELETE | t1             | t2
					MYSQL      | delete from t1, t2 using t1 join t2 join t3 where t1.id = t2.id and t2.id = t3.id | DELETE | t1,t2 | t3
					MYSQL      | delete from a1, a2 using t1 as a1 join t2 as a2 where a1.id = a2.id      | DELETE | t1,t2          |
					MYSQL      | update t1 join t2 on t1.id = t2.id set t1.a = 1, t2.b = 2                | UPDATE | t1,t2          |
					MYSQL      | update category c, other o set c.name = o.name, o.seen = 1 where o.id = c.id | UPDATE | category,other |
					MYSQL      | update category c join other o on o.id = c.id set name = o.name          | UPDATE | category,other |
					MYSQL      | update category c join other o on o.id = c.id set c.name = concat(o.name, o.x), c.n = 1 | UPDATE | category | other
					MYSQL      | update `shop`.`a` x join b y on x.id = y.id set y.n = (select max(n) from z), y.m = 1 | UPDATE | b | shop.a
					""")
	void writeFormsNameTheTablesTheyWrite(SqlDialect dialect, String sql, Operation operation, String written,
			String read) {
		Fingerprint fingerprint = SqlFingerprinter.compute(sql, dialect);
		assertThat(fingerprint.operation()).isEqualTo(operation);
		assertThat(fingerprint.writtenTables()).containsExactly(written.split(","));
		if (read != null) {
			assertThat(fingerprint.tables()).contains(read).doesNotContain(written.split(","));
		}
		else {
			assertThat(fingerprint.tables()).isEmpty();
		}
	}

}
