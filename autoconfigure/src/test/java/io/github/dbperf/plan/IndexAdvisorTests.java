package io.github.dbperf.plan;

import io.github.dbperf.rules.RuleSettings;
import io.github.dbperf.rules.Rules;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IndexAdvisor} on plans PostgreSQL printed.
 *
 * @author dbperf
 */
class IndexAdvisorTests {

	private static final String SEARCH = """
			[{"Plan":{"Node Type":"Limit","Total Cost":21.09,"Plan Rows":1,"Plans":[{"Node Type":"Sort",
			"Sort Key":["p1_0.published_on DESC","p1_0.id"],"Plan Rows":1,"Plans":[{"Node Type":"Nested Loop",
			"Plan Rows":1,"Plans":[{"Node Type":"Seq Scan","Relation Name":"post","Alias":"p1_0","Plan Rows":1,
			"Filter":"((lower((title)::text) ~~ like_escape(lower((($1 || $2) || $3)), $4)) OR (lower((content)::text) ~~ like_escape(lower((($5 || $6) || $7)), $8)))"},
			{"Node Type":"Index Scan","Index Name":"author_pkey","Relation Name":"author","Alias":"a1_0","Plan Rows":1,
			"Index Cond":"(id = p1_0.author_id)"}]}]}]}}]
			""";

	@Test
	void oredLeadingWildcardLikesSuggestOneTrigramIndexEach() {
		PlanReader.Read read = PlanReader.postgres(JsonMapper.shared().readTree(SEARCH), (table) -> 100_000L);
		assertThat(new IndexAdvisor(0, RuleSettings.defaults()).advise(read, true, true))
			.extracting(PlanFinding::rule, PlanFinding::suggestion)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(Rules.PLAN_TRIGRAM_INDEX.id(),
					"create extension if not exists pg_trgm; create index concurrently post_lower_title_trgm_idx"
							+ " on post using gin (lower(title) gin_trgm_ops)"),
					org.assertj.core.groups.Tuple.tuple(Rules.PLAN_TRIGRAM_INDEX.id(),
							"create extension if not exists pg_trgm; create index concurrently "
									+ "post_lower_content_trgm_idx on post using gin (lower(content) gin_trgm_ops)"));
	}

	@Test
	void oredLikesWithoutAKnownWildcardGetNoCompositeIndex() {
		PlanReader.Read read = PlanReader.postgres(JsonMapper.shared().readTree(SEARCH), (table) -> 100_000L);
		assertThat(new IndexAdvisor(0, RuleSettings.defaults()).advise(read, true, false)).isEmpty();
	}

	@Test
	void smallTablesGetNoAdvice() {
		PlanReader.Read read = PlanReader.postgres(JsonMapper.shared().readTree(SEARCH), (table) -> 500L);
		assertThat(new IndexAdvisor(10_000, RuleSettings.defaults()).advise(read, true, true)).isEmpty();
	}

}
