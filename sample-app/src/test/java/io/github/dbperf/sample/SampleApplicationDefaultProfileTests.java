package io.github.dbperf.sample;

import io.github.dbperf.cache.QueryCacheManager;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The default profile needs no service: H2, the Caffeine tier, and every actuator
 * endpoint of the tour exposed.
 */
@SpringBootTest(properties = "sample.seed.posts=40")
@AutoConfigureMockMvc
class SampleApplicationDefaultProfileTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private QueryCacheManager caches;

	@Test
	void whenNoProfileIsActiveThenH2AndCaffeineServeTheTour() throws Exception {
		assertThat(this.caches.tier()).isEqualTo("caffeine");
		assertThat(status("/posts/naive")).isEqualTo(200);
		assertThat(status("/categories")).isEqualTo(200);
		for (String endpoint : new String[] { "health", "metrics", "prometheus", "dbperf", "slowqueries", "nplusone",
				"querycache" }) {
			assertThat(status("/actuator/" + endpoint)).as(endpoint).isEqualTo(200);
		}
		String health = this.mvc.perform(get("/actuator/health")).andReturn().getResponse().getContentAsString();
		assertThat(health).contains("\"status\":\"UP\"");
		String nplusone = this.mvc.perform(get("/actuator/nplusone")).andReturn().getResponse().getContentAsString();
		assertThat(nplusone).contains("GET /posts/naive").contains("Post.author");
	}

	private int status(String uri) throws Exception {
		return this.mvc.perform(get(uri)).andReturn().getResponse().getStatus();
	}

}
