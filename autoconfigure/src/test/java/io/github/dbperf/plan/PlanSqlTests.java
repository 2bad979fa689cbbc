package io.github.dbperf.plan;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@link PlanSql} tells one statement from several before anything is sent.
 *
 * @author dbperf
 */
class PlanSqlTests {

	@Test
	void whenASemicolonIsFollowedByMoreSqlThenTheTextIsRefused() {
		assertThat(PlanSql.multipleStatements("update t set a = 1; delete from t", true)).isTrue();
		assertThat(PlanSql.multipleStatements("update t set a = $1; commit; delete from t", false)).isTrue();
		assertThat(PlanSql.multipleStatements("select 1; 'x'", false)).isTrue();
		assertThat(PlanSql.multipleStatements("select 1 /*! ; delete from t */", true)).isTrue();
		assertThat(PlanSql.multipleStatements("select 1--1; delete from t", true)).isTrue();
		assertThat(PlanSql.multipleStatements("select 'a\\'; delete from t; select '", false)).isTrue();
		assertThat(PlanSql.multipleStatements("select 'unterminated; delete from t", true)).isTrue();
	}

	@Test
	void whenTheSemicolonIsQuotedCommentedOrLastThenTheTextIsOneStatement() {
		assertThat(PlanSql.multipleStatements("select ';' from t where a = ?;", true)).isFalse();
		assertThat(PlanSql.multipleStatements("select \"a;b\", `c;d` from t ; -- done", true)).isFalse();
		assertThat(PlanSql.multipleStatements("select 1 # ; delete\n;", true)).isFalse();
		assertThat(PlanSql.multipleStatements("select $x$;$x$, $1 from t /* ; /* ; */ ; */;  ", false)).isFalse();
		assertThat(PlanSql.multipleStatements("select 'it''s; fine' from t", false)).isFalse();
	}

}
