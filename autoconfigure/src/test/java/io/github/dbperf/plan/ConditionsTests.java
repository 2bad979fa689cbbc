package io.github.dbperf.plan;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Conditions} and the leading-wildcard reading of {@link PlanSql}.
 *
 * @author dbperf
 */
class ConditionsTests {

	@Test
	void oredLikesOnFunctionsOfColumnsAreReadAsAlternatives() {
		assertThat(Conditions.read("((lower((title)::text) ~~ like_escape(lower((($1 || $2) || $3)), $4)) "
				+ "OR (lower((content)::text) ~~ like_escape(lower((($5 || $6) || $7)), $8)))"))
			.extracting(Conditions.Comparison::expression, Conditions.Comparison::alternative)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("lower(title)", true),
					org.assertj.core.groups.Tuple.tuple("lower(content)", true));
	}

	@Test
	void equalityRangeAndJoinConditions() {
		assertThat(Conditions.read("((customer_id = $1) AND ((state)::text = $2) AND (total > $3) AND (a.x = b.y))"))
			.extracting(Conditions.Comparison::column, Conditions.Comparison::kind)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("customer_id", Conditions.Kind.EQUALITY),
					org.assertj.core.groups.Tuple.tuple("state", Conditions.Kind.EQUALITY),
					org.assertj.core.groups.Tuple.tuple("total", Conditions.Kind.RANGE));
	}

	@Test
	void aPatternConcatenatedFromAPlaceholderFirstCountsAsALeadingWildcard() {
		assertThat(PlanSql.leadingWildcard("select * from post p1_0 where lower(p1_0.title) like lower((? || ? || ?)) "
				+ "escape ? or lower(p1_0.content) like lower((? || ? || ?)) escape ?", null))
			.isTrue();
		assertThat(PlanSql.leadingWildcard("select * from post where title like ?", null)).isFalse();
		assertThat(PlanSql.leadingWildcard("select * from post where title like '%' || ?", null)).isTrue();
	}

}
