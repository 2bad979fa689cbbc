package io.github.dbperf.sql;

import java.util.List;

import io.github.dbperf.rules.Rule;
import io.github.dbperf.rules.Rules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SqlRules}: for every rule a statement that breaks it and the fixed
 * statement that does not, in several dialects, and the SQL Hibernate and JdbcTemplate
 * write for ordinary mappings, which breaks none.
 *
 * @author dbperf
 */
class SqlRulesTests {

	@ParameterizedTest
	@EnumSource(value = SqlDialect.class, names = { "POSTGRESQL", "MYSQL", "H2" })
	void inlinedLiteralsFireOnValuesInTheTextAndNotOnBindParameters(SqlDialect dialect) {
		assertThat(rules("select id from owner where last_name = 'Davis'", dialect))
			.contains(Rules.SQL_INLINED_LITERALS);
		assertThat(rules("select id from owner where id in (1, 2, 3)", dialect)).contains(Rules.SQL_INLINED_LITERALS);
		assertThat(rules("insert into owner (id, name) values (7, 'Ann')", dialect))
			.contains(Rules.SQL_INLINED_LITERALS);
		assertThat(rules("update owner set name = 'Ann' where id = ?", dialect)).contains(Rules.SQL_INLINED_LITERALS);
		assertThat(rules("select id from owner where last_name = ?", dialect))
			.doesNotContain(Rules.SQL_INLINED_LITERALS);
		assertThat(rules("insert into owner (id, name) values (?, ?)", dialect))
			.doesNotContain(Rules.SQL_INLINED_LITERALS);
	}

	@Test
	void whenAStatementLimitsItsRowsInAnyDialectThenItPages() {
		assertThat(SqlRules.pages("select id from owner order by id offset ? rows fetch first ? rows only")).isTrue();
		assertThat(SqlRules.pages("select id from owner order by id limit ?")).isTrue();
		assertThat(SqlRules.pages("select top(?) id from owner order by id")).isTrue();
		assertThat(SqlRules.pages("select id from owner where rownum <= ?")).isTrue();
		assertThat(SqlRules.pages("select o.id, v.id from owner o left join visit v on o.id = v.owner_id")).isFalse();
		assertThat(SqlRules.pages("select id, topic from owner")).isFalse();
	}

	@Test
	void inlinedLiteralsIgnoreSelectListsLimitsAndHibernateDiscriminators() {
		assertThat(rules("select 1 from owner where id = ? limit 1")).isEmpty();
		assertThat(rules("select case when o.id is null then 0 else 1 end from owner o where o.id = ?")).isEmpty();
		assertThat(rules("select a1_0.id from animal a1_0 where a1_0.dtype='Cat' and a1_0.id=?")).isEmpty();
		assertThat(rules("select a1_0.id from animal a1_0 where a1_0.dtype in ('Cat','Dog')")).isEmpty();
		assertThat(rules("select o.id from owner o where o.active = true")).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(value = SqlDialect.class, names = { "POSTGRESQL", "MYSQL", "H2" })
	void leadingWildcardLikeFiresOnAPatternStartingWithAWildcard(SqlDialect dialect) {
		assertThat(rules("select id from owner where name like '%son'", dialect))
			.contains(Rules.SQL_LEADING_WILDCARD_LIKE);
		assertThat(rules("select id from owner where name like concat('%', ?)", dialect))
			.contains(Rules.SQL_LEADING_WILDCARD_LIKE);
		assertThat(rules("select id from owner where name like '_on%'", dialect))
			.contains(Rules.SQL_LEADING_WILDCARD_LIKE);
		assertThat(rules("select id from owner where name like 'Dav%'", dialect))
			.doesNotContain(Rules.SQL_LEADING_WILDCARD_LIKE);
		assertThat(rules("select id from owner where name like concat(?, '%')", dialect))
			.doesNotContain(Rules.SQL_LEADING_WILDCARD_LIKE);
		assertThat(rules("select id from owner where name like ? escape '\\\\'", dialect))
			.doesNotContain(Rules.SQL_LEADING_WILDCARD_LIKE);
	}

	@Test
	void leadingWildcardLikeFiresForPostgresIlike() {
		assertThat(rules("select id from owner where name ilike '%son'", SqlDialect.POSTGRESQL))
			.contains(Rules.SQL_LEADING_WILDCARD_LIKE);
	}

	@Test
	void limitWithoutOrderByFiresOnUnorderedPages() {
		assertThat(rules("select o1_0.id from owner o1_0 offset ? rows fetch first ? rows only"))
			.contains(Rules.SQL_LIMIT_WITHOUT_ORDER_BY);
		assertThat(rules("select o1_0.id from owner o1_0 limit ?, ?", SqlDialect.MYSQL))
			.contains(Rules.SQL_LIMIT_WITHOUT_ORDER_BY);
		assertThat(rules("select id from owner limit 20")).contains(Rules.SQL_LIMIT_WITHOUT_ORDER_BY);
		assertThat(rules("select o1_0.id from owner o1_0 order by o1_0.id offset ? rows fetch first ? rows only"))
			.doesNotContain(Rules.SQL_LIMIT_WITHOUT_ORDER_BY);
		assertThat(rules("select id from owner order by id limit 20")).doesNotContain(Rules.SQL_LIMIT_WITHOUT_ORDER_BY);
	}

	@Test
	void limitWithoutOrderByLeavesTopOneAndExistenceQueriesAlone() {
		assertThat(rules("select o1_0.id from owner o1_0 where o1_0.last_name=? fetch first ? rows only")).isEmpty();
		assertThat(rules("select o1_0.id from owner o1_0 where o1_0.last_name=? limit ?", SqlDialect.MYSQL)).isEmpty();
		assertThat(rules("select id from owner where name = ? limit 1")).isEmpty();
	}

	@Test
	void deepOffsetFiresPastTheThresholdOnLiteralOffsets() {
		assertThat(rules("select id from owner order by id limit 20 offset 5000")).contains(Rules.SQL_DEEP_OFFSET);
		assertThat(rules("select id from owner order by id limit 5000, 20", SqlDialect.MYSQL))
			.contains(Rules.SQL_DEEP_OFFSET);
		assertThat(rules("select id from owner order by id offset 5000 rows fetch next 20 rows only", SqlDialect.H2))
			.contains(Rules.SQL_DEEP_OFFSET);
		assertThat(rules("select id from owner order by id limit 20 offset 40")).doesNotContain(Rules.SQL_DEEP_OFFSET);
		assertThat(rules("select id from owner where id > ? order by id limit 20"))
			.doesNotContain(Rules.SQL_DEEP_OFFSET);
		assertThat(rules("select id from owner order by id offset ? rows fetch first ? rows only"))
			.doesNotContain(Rules.SQL_DEEP_OFFSET);
	}

	@Test
	void deepOffsetThresholdIsConfigurable() {
		SqlRules strict = new SqlRules(SqlRules.DEFAULT_MAX_IN_LIST_SIZE, 10, (rule) -> true);
		assertThat(strict.check("select id from owner order by id limit 20 offset 40", SqlDialect.POSTGRESQL))
			.contains(Rules.SQL_DEEP_OFFSET);
	}

	@ParameterizedTest
	@ValueSource(strings = { "select * from owner where id = ?", "SELECT o.* FROM owner o WHERE o.id = ?",
			"select distinct * from owner", "select * from (select id from owner) t" })
	void selectStarFires(String sql) {
		assertThat(rules(sql)).contains(Rules.SQL_SELECT_STAR);
	}

	@ParameterizedTest
	@ValueSource(strings = { "select id, name from owner where id = ?", "select count(*) from owner",
			"select id from owner o where exists (select * from pet p where p.owner_id = o.id)",
			"select o.id from owner o where o.id = ? * 2" })
	void selectStarDoesNotFireOnNamedColumnsCountsOrExists(String sql) {
		assertThat(rules(sql)).doesNotContain(Rules.SQL_SELECT_STAR);
	}

	@Test
	void largeInListFiresPastTheThresholdForLiteralsAndParameters() {
		assertThat(rules("select id from owner where id in (" + list("?", 501) + ")"))
			.contains(Rules.SQL_LARGE_IN_LIST);
		assertThat(rules("select id from owner where id in (" + list("7", 600) + ")"))
			.contains(Rules.SQL_LARGE_IN_LIST);
		assertThat(rules("select id from owner where id in (" + list("?", 500) + ")"))
			.doesNotContain(Rules.SQL_LARGE_IN_LIST);
		assertThat(rules("select id from owner where id = any (?)")).doesNotContain(Rules.SQL_LARGE_IN_LIST);
	}

	@Test
	void notInSubqueryFires() {
		assertThat(rules("select id from owner where id not in (select owner_id from pet)"))
			.contains(Rules.SQL_NOT_IN_SUBQUERY);
		assertThat(rules("select o.id from owner o where not exists (select 1 from pet p where p.owner_id = o.id)"))
			.doesNotContain(Rules.SQL_NOT_IN_SUBQUERY);
		assertThat(rules("select id from owner where id not in (?, ?)")).doesNotContain(Rules.SQL_NOT_IN_SUBQUERY);
	}

	@ParameterizedTest
	@ValueSource(strings = { "select id from owner where lower(email) = ?",
			"select o1_0.id from owner o1_0 where upper(o1_0.last_name)=upper(?)",
			"select id from orders where date(created_at) = ?",
			"select id from orders where cast(created_at as date) = ?",
			"select id from orders where date_trunc('day', created_at) = ?",
			"select id from orders where year(created_at) = ? and id > ?",
			"select id from orders where status = ? and coalesce(deleted, false) = ?",
			"select id from orders where extract(year from created_at) = ?" })
	void functionOnColumnFires(String sql) {
		assertThat(rules(sql)).contains(Rules.SQL_FUNCTION_ON_COLUMN);
	}

	@ParameterizedTest
	@ValueSource(strings = { "select id from owner where email = lower(?)",
			"select lower(email) from owner where id = ?",
			"select id from orders where created_at >= ? and created_at < ?",
			"select count(o.id) from orders o where o.status = ?", "select id from owner order by lower(name)" })
	void functionOnColumnDoesNotFireOnBareColumns(String sql) {
		assertThat(rules(sql)).doesNotContain(Rules.SQL_FUNCTION_ON_COLUMN);
	}

	@Test
	void orderByRandomFiresInEachDialect() {
		assertThat(rules("select id from owner order by random() limit 5", SqlDialect.POSTGRESQL))
			.contains(Rules.SQL_ORDER_BY_RANDOM);
		assertThat(rules("select id from owner order by rand() limit 5", SqlDialect.MYSQL))
			.contains(Rules.SQL_ORDER_BY_RANDOM);
		assertThat(rules("select id from owner order by rand() limit 5", SqlDialect.H2))
			.contains(Rules.SQL_ORDER_BY_RANDOM);
		assertThat(rules("select id from owner where id >= ? order by id limit 5"))
			.doesNotContain(Rules.SQL_ORDER_BY_RANDOM);
	}

	@Test
	void countForExistenceFiresOnExistsShapedCounts() {
		assertThat(rules("select count(*) from owner where name = ? limit 1")).contains(Rules.SQL_COUNT_FOR_EXISTENCE);
		assertThat(rules("select o.id from owner o where (select count(*) from pet p where p.owner_id = o.id) > 0"))
			.contains(Rules.SQL_COUNT_FOR_EXISTENCE);
		assertThat(rules("select o.id from owner o where exists (select 1 from pet p where p.owner_id = o.id)"))
			.doesNotContain(Rules.SQL_COUNT_FOR_EXISTENCE);
		assertThat(rules("select count(o1_0.id) from owner o1_0 where o1_0.last_name=?"))
			.doesNotContain(Rules.SQL_COUNT_FOR_EXISTENCE);
	}

	@ParameterizedTest
	@ValueSource(strings = {
			"select o1_0.id,o1_0.address,o1_0.city,o1_0.first_name,o1_0.last_name,o1_0.telephone from owners o1_0 where o1_0.last_name like ? escape '\\' order by o1_0.last_name offset ? rows fetch first ? rows only",
			"select p1_0.owner_id,p1_0.id,p1_0.birth_date,p1_0.name,t1_0.id,t1_0.name from pets p1_0 left join types t1_0 on t1_0.id=p1_0.type_id where p1_0.owner_id=?",
			"select p1_0.id,p1_0.name from pets p1_0 where p1_0.owner_id in (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
			"select p1_0.id,p1_0.name from pets p1_0 where p1_0.owner_id = any (?)",
			"select count(o1_0.id) from owners o1_0 where o1_0.last_name like ? escape '\\'",
			"select o1_0.id from owners o1_0 where o1_0.id=? fetch first ? rows only",
			"insert into owners (address,city,first_name,last_name,telephone,id) values (?,?,?,?,?,?)",
			"update owners set address=?,city=?,first_name=?,last_name=?,telephone=?,version=? where id=? and version=?",
			"delete from pets where id=?", "select next value for owners_seq", "select nextval('owners_seq')",
			"select o1_0.id,o1_0.name from owners o1_0 order by o1_0.name limit ?, ?",
			"SELECT id, name FROM owners WHERE id = ?", "INSERT INTO visits (pet_id, visit_date) VALUES (?, ?)" })
	void hibernateAndJdbcTemplateStatementsBreakNoRule(String sql) {
		for (SqlDialect dialect : List.of(SqlDialect.POSTGRESQL, SqlDialect.MYSQL, SqlDialect.H2)) {
			assertThat(rules(sql, dialect)).as("%s in %s", sql, dialect).isEmpty();
		}
	}

	@Test
	void disabledRulesAreNotChecked() {
		SqlRules rules = new SqlRules(500, 1000, (rule) -> rule != Rules.SQL_SELECT_STAR);
		assertThat(rules.check("select * from owner where name = 'x'", SqlDialect.POSTGRESQL))
			.containsExactly(Rules.SQL_INLINED_LITERALS);
	}

	@Test
	void fingerprintKeepsTheRulesAndRepeatsReuseThem() {
		SqlFingerprinter fingerprinter = new SqlFingerprinter();
		Fingerprint first = fingerprinter.fingerprint("select * from owner where name like '%a'",
				SqlDialect.POSTGRESQL);
		assertThat(first.rules()).containsExactly(Rules.SQL_INLINED_LITERALS, Rules.SQL_LEADING_WILDCARD_LIKE,
				Rules.SQL_SELECT_STAR);
		assertThat(first.breaks(Rules.SQL_SELECT_STAR)).isTrue();
		assertThat(fingerprinter.fingerprint("select * from owner where name like '%a'", SqlDialect.POSTGRESQL))
			.isSameAs(first);
		assertThat(fingerprinter.fingerprint("select id from owner where name = ?", SqlDialect.POSTGRESQL).rules())
			.isEmpty();
	}

	private static List<Rule> rules(String sql) {
		return rules(sql, SqlDialect.POSTGRESQL);
	}

	private static List<Rule> rules(String sql, SqlDialect dialect) {
		return SqlFingerprinter.compute(sql, dialect).rules();
	}

	private static String list(String item, int size) {
		return String.join(", ", java.util.Collections.nCopies(size, item));
	}

}
