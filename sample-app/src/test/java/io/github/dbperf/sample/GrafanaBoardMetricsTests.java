package io.github.dbperf.sample;

import java.util.Set;
import java.util.TreeSet;

import io.github.dbperf.query.TopFingerprintMetrics;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every metric the Grafana board queries is exported by the sample app's
 * {@code /actuator/prometheus} in the default profile, but those of the Redis tier, which
 * the default profile does not run: {@link SampleApplicationPostgresTests} checks those.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "sample.seed.posts=40")
class GrafanaBoardMetricsTests {

	static final String REDIS_TIER = "dbperf_cache_redis_";

	@LocalServerPort
	private int port;

	@Autowired
	private TopFingerprintMetrics topFingerprints;

	@Test
	void whenTheTourRanThenEveryMetricTheBoardQueriesIsExported() {
		RestClient client = RestClient.create("http://localhost:" + this.port);
		for (String uri : new String[] { "/posts/naive", "/posts", "/posts/batched", "/categories", "/categories",
				"/authors/active", "/authors/active" }) {
			client.get().uri(uri).retrieve().toBodilessEntity();
		}
		this.topFingerprints.refresh();
		String exposition = client.get().uri("/actuator/prometheus").retrieve().body(String.class);
		Set<String> missing = missing(GrafanaBoard.read().metricNames(), exposition);
		assertThat(missing)
			.allSatisfy((name) -> assertThat(name).as("queried by the board, not exported").startsWith(REDIS_TIER));
		assertThat(exposition)
			.containsPattern("dbperf_nplusone_incidents_total\\{[^}]*kind=\"n_plus_one\",unit=\"GET /posts/naive\"}")
			.containsPattern("dbperf_queries_latency_total\\{[^}]*fingerprint=\"[0-9a-f]{16}\",le=\"\\+Inf\"}")
			.containsPattern("dbperf_queries_seconds_count\\{[^}]*fingerprint=\"other\"}");
	}

	static Set<String> missing(Set<String> queried, String exposition) {
		Set<String> missing = new TreeSet<>(queried);
		missing.removeAll(GrafanaBoard.exported(exposition));
		return missing;
	}

}
