package io.github.dbperf.sample;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.dbperf.cache.QueryCacheManager;
import io.github.dbperf.nplusone.IncidentStore;
import io.github.dbperf.nplusone.NPlusOneDetector;
import io.github.dbperf.query.QueryEntry;
import io.github.dbperf.query.QuerySort;
import io.github.dbperf.query.QueryStore;
import io.github.dbperf.query.TopFingerprintMetrics;
import io.github.dbperf.testing.TestPostgres;
import io.github.dbperf.testing.TestRedis;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Every sample endpoint in the {@code postgres} profile, on a real PostgreSQL and Redis
 * (two-level cache), with the statement counts that tell the story: naive is 1 + N, fixed
 * and batched at most 2, cached reads none.
 */
@SpringBootTest(properties = { "sample.seed.posts=120", "spring.jpa.hibernate.ddl-auto=create-drop" })
@ActiveProfiles("postgres")
@AutoConfigureMockMvc
class SampleApplicationPostgresTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	private MockMvc mvc;

	@Autowired
	private QueryStore queries;

	@Autowired
	private NPlusOneDetector detector;

	@Autowired
	private QueryCacheManager caches;

	@Autowired
	private StringRedisTemplate redis;

	@Autowired
	private TopFingerprintMetrics topFingerprints;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		String url = TestPostgres.newDatabase("sample");
		registry.add("spring.datasource.url", () -> url);
		registry.add("spring.datasource.username", TestPostgres::username);
		registry.add("spring.datasource.password", TestPostgres::password);
		registry.add("spring.data.redis.host", () -> "127.0.0.1");
		registry.add("spring.data.redis.port", TestRedis::port);
	}

	@Test
	void whenPostsAreListedThenNaiveIsOnePlusNAndTheFixesAnswerTheSameJsonInAtMostTwoStatements() throws Exception {
		long before = statements();
		String naive = body("/posts/naive?size=100");
		long naiveStatements = statements() - before;
		List<Map<String, Object>> posts = json.readValue(naive, new TypeReference<>() {
		});
		long authors = posts.stream().map((post) -> post.get("author")).distinct().count();
		assertThat(posts).hasSize(100);
		assertThat(naiveStatements).isEqualTo(1 + authors);
		before = statements();
		assertThat(body("/posts?size=100")).isEqualTo(naive);
		assertThat(statements() - before).isLessThanOrEqualTo(2);
		before = statements();
		assertThat(body("/posts/batched?size=100")).isEqualTo(naive);
		assertThat(statements() - before).isLessThanOrEqualTo(2);
		List<IncidentStore.Aggregate> incidents = this.detector.store().incidents();
		assertThat(incidents).anySatisfy((incident) -> {
			assertThat(incident.unitOfWork()).isEqualTo("GET /posts/naive");
			assertThat(incident.association()).isEqualTo("Post.author");
			assertThat(incident.fetchType()).isEqualTo("LAZY");
		});
		assertThat(incidents).noneMatch((incident) -> incident.unitOfWork().equals("GET /posts")
				|| incident.unitOfWork().equals("GET /posts/batched"));
	}

	@Test
	void whenCachedEndpointsAreReadAgainThenTheyDoNotTouchTheDatabaseUntilAWriteCommits() throws Exception {
		assertThat(this.caches.tier()).isEqualTo("two-level");
		String categories = body("/categories");
		assertThat(this.redis.keys("dbperf:CatalogService.categories:*")).hasSize(1);
		body("/authors/active");
		long before = statements();
		assertThat(body("/categories")).isEqualTo(categories);
		assertThat(body("/authors/active")).isNotEmpty();
		assertThat(statements() - before).isZero();
		assertThat(this.mvc
			.perform(post("/categories").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Caching\"}"))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(201);
		assertThat(body("/categories")).contains("Caching");
		assertThat(body("/categories/uncached")).isEqualTo(body("/categories"));
	}

	@Test
	void whenStatsAndSearchRunThenTheyAnswerAndTheSearchIsInTheQueryStore() throws Exception {
		List<Map<String, Object>> days = json.readValue(body("/stats/daily"), new TypeReference<>() {
		});
		assertThat(days).isNotEmpty()
			.allSatisfy((day) -> assertThat(((Number) day.get("posts")).longValue()).isPositive());
		assertThat(days.stream().mapToLong((day) -> ((Number) day.get("posts")).longValue()).sum()).isEqualTo(120);
		List<Map<String, Object>> found = json.readValue(body("/search?q=post 12"), new TypeReference<>() {
		});
		assertThat(found).isNotEmpty().hasSizeLessThanOrEqualTo(20).allSatisfy((post) -> {
			assertThat((String) post.get("title")).containsIgnoringCase("post 12");
			assertThat((String) post.get("author")).isNotBlank();
		});
		assertThat(this.queries.entries(QuerySort.TOTAL, 100))
			.anySatisfy((entry) -> assertThat(entry.sql()).contains("like").contains("from post"));
		QueryEntry search = this.queries.entries(QuerySort.TOTAL, 100)
			.stream()
			.filter((entry) -> entry.sql().contains("like") && entry.sql().contains("from post"))
			.findFirst()
			.orElseThrow();
		Map<String, Object> plan = json.readValue(body("/actuator/slowqueries/" + search.id() + "/plan"),
				new TypeReference<>() {
				});
		assertThat(plan).containsEntry("status", "captured");
		List<Map<String, Object>> findings = (List<Map<String, Object>>) plan.get("findings");
		assertThat(findings).isNotEmpty().allSatisfy((finding) -> {
			assertThat(finding).containsEntry("rule", "plan-trigram-index").containsEntry("table", "post");
			assertThat((String) finding.get("suggestion")).startsWith("create extension if not exists pg_trgm;")
				.contains("using gin (lower(");
		});
	}

	@Test
	void whenTheAuditIsFilteredOnAnUnindexedColumnThenItsPlanSuggestsTheIndex() throws Exception {
		List<Map<String, Object>> events = json.readValue(body("/audit?actor=user42"), new TypeReference<>() {
		});
		assertThat(events).hasSize(AuditController.EVENTS / 5000);
		QueryEntry entry = this.queries.entries(QuerySort.TOTAL, 1000)
			.stream()
			.filter((each) -> each.sql().contains("from audit_event where actor"))
			.findFirst()
			.orElseThrow();
		Map<String, Object> plan = json.readValue(body("/actuator/slowqueries/" + entry.id() + "/plan"),
				new TypeReference<>() {
				});
		assertThat(plan).containsEntry("status", "captured").containsEntry("id", entry.id());
		assertThat((String) plan.get("source")).isEqualTo("EXPLAIN (GENERIC_PLAN, FORMAT JSON)");
		List<Map<String, Object>> findings = (List<Map<String, Object>>) plan.get("findings");
		assertThat(findings).singleElement().satisfies((finding) -> {
			assertThat(finding).containsEntry("rule", "plan-missing-index").containsEntry("table", "audit_event");
			assertThat(finding.get("suggestion"))
				.isEqualTo("create index concurrently audit_event_actor_idx on audit_event (actor)");
		});
		assertThat(this.mvc.perform(get("/actuator/slowqueries/no-such-id/plan")).andReturn().getResponse().getStatus())
			.isEqualTo(404);
	}

	@Test
	void whenRedisBacksTheCacheThenEveryMetricTheGrafanaBoardQueriesIsExported() throws Exception {
		for (String uri : new String[] { "/posts/naive", "/posts", "/categories", "/categories", "/authors/active" }) {
			body(uri);
		}
		this.topFingerprints.refresh();
		Set<String> queried = GrafanaBoard.read().metricNames();
		assertThat(queried).anyMatch((name) -> name.startsWith(GrafanaBoardMetricsTests.REDIS_TIER));
		assertThat(GrafanaBoardMetricsTests.missing(queried, body("/actuator/prometheus"))).isEmpty();
	}

	private String body(String uri) throws Exception {
		return this.mvc.perform(get(uri)).andReturn().getResponse().getContentAsString();
	}

	private long statements() {
		return this.queries.entries(QuerySort.CALLS, 10_000).stream().mapToLong(QueryEntry::calls).sum();
	}

}
