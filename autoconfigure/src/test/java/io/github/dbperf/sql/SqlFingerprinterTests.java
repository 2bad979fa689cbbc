package io.github.dbperf.sql;

import java.lang.management.ManagementFactory;
import java.util.List;

import com.sun.management.ThreadMXBean;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SqlFingerprinter}.
 */
class SqlFingerprinterTests {

	private final SqlFingerprinter fingerprinter = new SqlFingerprinter();

	@Test
	void whetherAStatementLimitsItsRowsIsToldOnceWhenItIsFingerprinted() {
		assertThat(
				SqlFingerprinter.compute("select p.id from post p join comment c on c.post_id = p.id limit 20").paged())
			.isTrue();
		assertThat(SqlFingerprinter.compute("SELECT * FROM post ORDER BY id OFFSET 20 ROWS FETCH NEXT 10 ROWS ONLY")
			.paged()).isTrue();
		assertThat(SqlFingerprinter.compute("select p.id from post p join comment c on c.post_id = p.id").paged())
			.isFalse();
	}

	@Test
	void literalOnlyDifferencesShareOneFingerprint() {
		assertSame("select * from item where id = 1 and name = 'a' and active = true",
				"SELECT * FROM item WHERE id = 42 AND name = 'it''s' AND active = false");
		assertSame("select * from t where d = date '2024-01-01' and x = 1.5e3",
				"select * from t where d = date '1999-12-31' and x = -7");
		assertSame("select * from t where id = ?", "select * from t where id = $1");
		assertSame("select * from t where id = 0x1F", "select * from t where id = 12");
		assertSame("select * from t where s = E'a\\'b'", "select * from t where s = 'plain'");
		assertSame("select * from t where body = $$it's a 'body'$$", "select * from t where body = $tag$x$tag$");
		assertThat(sql("select * from t where id=5 and name='x'"))
			.isEqualTo("select * from t where id = ? and name = ?");
	}

	@Test
	void inListsOfDifferentLengthsShareOneFingerprint() {
		assertSame("select * from comment c1_0 where c1_0.post_id in (?,?,?)",
				"select * from comment c1_0 where c1_0.post_id in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)");
		assertSame("select * from t where id in (?)", "select * from t where id IN ( ? , ? )");
		assertThat(sql("select * from t where id in (1,2,3)")).isEqualTo("select * from t where id in (...)");
		assertSame("select * from t where id = any(array[1,2])", "select * from t where id = any(array[?])");
		assertThat(this.fingerprinter.fingerprint("select * from t where id in (?,?)").batchFetch()).isTrue();
		assertThat(this.fingerprinter.fingerprint("select * from t where id = any (?)").batchFetch()).isTrue();
		assertThat(this.fingerprinter.fingerprint("select * from t where id = ?").batchFetch()).isFalse();
	}

	@Test
	void subQueriesInInAreKept() {
		assertThat(sql("select * from a where id in (select a_id from b where x = 3)"))
			.isEqualTo("select * from a where id in (select a_id from b where x = ?)");
		assertThat(this.fingerprinter.fingerprint("select * from a where id in (select a_id from b)").tables())
			.containsExactlyInAnyOrder("a", "b");
	}

	@Test
	void multiRowValuesShareOneFingerprint() {
		StringBuilder big = new StringBuilder("insert into item (id, name) values ");
		for (int i = 0; i < 300; i++) {
			big.append((i > 0) ? ", " : "").append("(").append(i).append(", 'n").append(i).append("')");
		}
		assertSame("insert into item (id, name) values (1, 'a'), (2, 'b'), (3, now())", big.toString());
		assertSame("insert into item (id, name) values (?, ?)", big.toString());
		assertThat(sql("insert into item (id, name) values (1, 'a'), (2, 'b')"))
			.isEqualTo("insert into item(id, name) values (...)");
	}

	@Test
	void differentTablesOrColumnsDoNotShareAFingerprint() {
		assertDifferent("select * from item where id = 1", "select * from other where id = 1");
		assertDifferent("select id from item where id = 1", "select name from item where id = 1");
		assertDifferent("select * from t where a = 1", "select * from t where b = 1");
	}

	@Test
	void commentsWhitespaceAndCaseDoNotMatter() {
		assertSame("/* load Post */ select p1_0.id from post p1_0 -- trailing\n where p1_0.id = ?",
				"SELECT   p1_0.id\n\tFROM post p1_0 WHERE p1_0.id=?;");
		assertSame("select /* nested /* comment */ still */ 1", "select 2");
	}

	@Test
	void identifiersWithDigitsSurvive() {
		assertThat(sql("select p1_0.id, t1.col_2 from post p1_0 join t1 on t1.id = p1_0.t1_id"))
			.isEqualTo("select p1_0.id, t1.col_2 from post p1_0 join t1 on t1.id = p1_0.t1_id");
		assertThat(sql("select \"Name\" from \"MyTable\" where `x` = 1"))
			.isEqualTo("select \"Name\" from \"MyTable\" where `x` = ?");
	}

	@Test
	void castsStayAttachedToTheirParameter() {
		assertThat(sql("select ?::text, 5::int")).isEqualTo("select ?::text, ?::int");
	}

	@Test
	void brokenInputNeverThrows() {
		for (String input : new String[] { "", "   ", "'", "select 'unterminated", "select /* open", "select $$ open",
				"select $tag$ open $other$", "\"", "`", "((((", "))))", "select -", "--",
				"select \u00e9t\u00e9, '\u65e5\u672c' from \u8868", "\u0000\u0001\u0002", "select 1e", "0x" }) {
			Fingerprint fingerprint = this.fingerprinter.fingerprint(input);
			assertThat(fingerprint.id()).hasSize(16).matches("[0-9a-f]{16}");
		}
	}

	@Test
	void aMegabyteOfSqlIsFingerprinted() {
		StringBuilder sql = new StringBuilder("select * from t where id in (");
		while (sql.length() < 1_000_000) {
			sql.append("12345, ");
		}
		sql.append("1)");
		Fingerprint fingerprint = SqlFingerprinter.compute(sql.toString());
		assertThat(fingerprint.id()).hasSize(16);
		assertThat(fingerprint.sql().length()).isLessThanOrEqualTo(SqlNormalizer.MAX_LENGTH);
	}

	@Test
	void idIsStableAcrossRestartsAndInstances() {
		assertThat(SqlFingerprinter.compute("SELECT * FROM item WHERE id = 1").id()).isEqualTo("e4f21906a9c9a99a");
		assertThat(new SqlFingerprinter().fingerprint("select * from item where id = 2").id())
			.isEqualTo("e4f21906a9c9a99a");
	}

	@Test
	void operationsAreClassified() {
		assertThat(operation("select 1")).isEqualTo(Operation.SELECT);
		assertThat(operation("  (select 1) union (select 2)")).isEqualTo(Operation.SELECT);
		assertThat(operation("select * from t for update")).isEqualTo(Operation.SELECT);
		assertThat(operation("with x as (select 1) select * from x")).isEqualTo(Operation.SELECT);
		assertThat(operation("with x as (select id from a) delete from b where id in (select id from x)"))
			.isEqualTo(Operation.DELETE);
		assertThat(operation("insert into t values (1)")).isEqualTo(Operation.INSERT);
		assertThat(operation("merge into t using s on t.id = s.id when matched then update set x = 1"))
			.isEqualTo(Operation.INSERT);
		assertThat(operation("update t set x = 1")).isEqualTo(Operation.UPDATE);
		assertThat(operation("delete from t")).isEqualTo(Operation.DELETE);
		assertThat(operation("truncate table t")).isEqualTo(Operation.DELETE);
		assertThat(operation("call proc(1)")).isEqualTo(Operation.OTHER);
		assertThat(operation("set search_path to app")).isEqualTo(Operation.OTHER);
	}

	@Test
	void schemaAndPrivilegeChangesAreDdlAndWriteNoTable() {
		for (String ddl : List.of("create table t (id int)", "CREATE INDEX i ON t (id)",
				"alter table t add column x int", "drop table if exists t", "rename table t to u",
				"comment on table t is 'x'", "grant select on t to reader", "revoke select on t from reader",
				"create table t2 as select * from t")) {
			Fingerprint fingerprint = this.fingerprinter.fingerprint(ddl);
			assertThat(fingerprint.operation()).as(ddl).isEqualTo(Operation.DDL);
			assertThat(fingerprint.writtenTables()).as(ddl).isEmpty();
		}
		assertThat(operation("truncate table t")).isEqualTo(Operation.DELETE);
	}

	@Test
	void tablesReadAndWrittenAreFound() {
		Fingerprint join = this.fingerprinter.fingerprint(
				"select p1_0.id,p1_0.title from post p1_0 join author a1_0 on a1_0.id=p1_0.author_id where p1_0.id=?");
		assertThat(join.tables()).containsExactlyInAnyOrder("post", "author");
		assertThat(join.writtenTables()).isEmpty();
		assertThat(this.fingerprinter.fingerprint("select * from a, b x, public.c where a.id = x.id").tables())
			.containsExactlyInAnyOrder("a", "b", "public.c");
		assertThat(this.fingerprinter.fingerprint("select * from \"Quoted\" q").tables()).containsExactly("quoted");
		Fingerprint insert = this.fingerprinter.fingerprint("insert into archive (id) select id from item where x = 1");
		assertThat(insert.writtenTables()).containsExactly("archive");
		assertThat(insert.tables()).containsExactly("item");
		Fingerprint update = this.fingerprinter.fingerprint("update item set name = ? from other o where o.id = 1");
		assertThat(update.writtenTables()).containsExactly("item");
		assertThat(update.tables()).containsExactly("other");
		assertThat(this.fingerprinter.fingerprint("delete from public.item where id = 1").writtenTables())
			.containsExactly("public.item");
		assertThat(this.fingerprinter.fingerprint("select * from generate_series(1, 10) g").tables()).isEmpty();
		assertThat(this.fingerprinter.fingerprint("select * from (select * from inner_t) s").tables())
			.containsExactly("inner_t");
	}

	@Test
	void theCacheReturnsTheSameInstance() {
		String sql = "select * from cached where id = 1";
		assertThat(this.fingerprinter.fingerprint(sql)).isSameAs(this.fingerprinter.fingerprint(sql));
	}

	@Test
	void whenNormalizationFailsThenOnlyAMarkerAndAHashRemain() {
		Fingerprint fingerprint = SqlFingerprinter.unnormalized("select * from t where secret = 'hunter2'");
		assertThat(fingerprint.sql()).doesNotContain("hunter2")
			.doesNotContain("secret")
			.isEqualTo("/* statement not normalized, hash " + fingerprint.id() + " */");
		assertThat(fingerprint.id()).matches("[0-9a-f]{16}");
	}

	@Test
	void nestedParenthesesAllocateLinearly() {
		String sql = "select " + "(".repeat(32 * 1024) + "1" + ")".repeat(32 * 1024);
		SqlFingerprinter.compute("select ((1))");
		ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
		long before = threads.getCurrentThreadAllocatedBytes();
		Fingerprint fingerprint = SqlFingerprinter.compute(sql);
		long allocated = threads.getCurrentThreadAllocatedBytes() - before;
		assertThat(fingerprint.sql()).startsWith("select ((((");
		assertThat(allocated).isLessThan(20L * 1024 * 1024);
	}

	@Test
	void statementsTooLongToCacheAreStillFingerprintedAlike() {
		String literal = "x".repeat(SqlFingerprinter.MAX_CACHED_LENGTH);
		Fingerprint first = this.fingerprinter.fingerprint("insert into t values ('" + literal + "a')");
		Fingerprint second = this.fingerprinter.fingerprint("insert into t values ('" + literal + "b')");
		assertThat(first.sql()).isEqualTo("insert into t values (...)");
		assertThat(first.id()).isEqualTo(second.id());
	}

	private void assertSame(String first, String second) {
		Fingerprint a = this.fingerprinter.fingerprint(first);
		Fingerprint b = this.fingerprinter.fingerprint(second);
		assertThat(a.sql()).as("normalized text").isEqualTo(b.sql());
		assertThat(a.id()).isEqualTo(b.id());
	}

	private void assertDifferent(String first, String second) {
		assertThat(this.fingerprinter.fingerprint(first).id())
			.isNotEqualTo(this.fingerprinter.fingerprint(second).id());
	}

	private String sql(String sql) {
		return this.fingerprinter.fingerprint(sql).sql();
	}

	private Operation operation(String sql) {
		return this.fingerprinter.fingerprint(sql).operation();
	}

}
