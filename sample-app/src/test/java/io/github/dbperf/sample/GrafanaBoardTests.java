package io.github.dbperf.sample;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana board is a board Grafana imports, and the metric names are read out of its
 * PromQL correctly.
 */
class GrafanaBoardTests {

	@Test
	void whenPromQlNestsFunctionsMatchersAndGroupingThenOnlyMetricNamesAreRead() {
		assertThat(GrafanaBoard.metricNames(
				"histogram_quantile(0.95, sum by (fingerprint, le) (rate(dbperf_queries_latency_total{application=~\"$application\", le!=\"}{\"}[$__rate_interval])))"
						+ " and on (fingerprint) topk(10, sum by (fingerprint) (rate(dbperf_queries_seconds_sum{fingerprint!=\"other\"}[5m] offset 1h)))"))
			.containsExactlyInAnyOrder("dbperf_queries_latency_total", "dbperf_queries_seconds_sum");
		assertThat(GrafanaBoard.metricNames(
				"sum(rate(a_total[1m])) by (job) / ignoring(x) group_left(y) b_count * 1e3 + c:recorded:rate5m > bool 0.5"))
			.containsExactlyInAnyOrder("a_total", "b_count", "c:recorded:rate5m");
		assertThat(GrafanaBoard.metricNames("max without (instance) (up{job=\"x\"}) unless absent(nothing_here)"))
			.containsExactlyInAnyOrder("up", "nothing_here");
	}

	@Test
	void whenAVariableUsesLabelValuesThenItsMetricIsReadAndNotItsLabel() {
		GrafanaBoard board = GrafanaBoard
			.of("""
					{"templating": {"list": [
					  {"type": "query", "query": {"query": "label_values(dbperf_statements_seconds_count{application=~\\"$application\\"}, instance)"}},
					  {"type": "query", "query": "label_values(application)"},
					  {"type": "datasource", "query": "prometheus"}]},
					 "panels": [{"type": "row", "panels": [{"targets": [{"expr": "rate(x_total[5m])"}]}]}]}
					""");
		assertThat(board.metricNames()).containsExactlyInAnyOrder("dbperf_statements_seconds_count", "x_total");
	}

	@Test
	void whenAnExpositionIsReadThenEverySampleNameCountsWithItsSuffix() {
		String exposition = """
				# HELP dbperf_queries_seconds Statements
				# TYPE dbperf_queries_seconds summary
				dbperf_queries_seconds_count{fingerprint="other"} 3.0
				dbperf_queries_seconds_sum{fingerprint="other"} 0.1
				hikaricp_connections_active{pool="HikariPool-1"} 0.0
				""";
		assertThat(GrafanaBoard.exported(exposition)).containsExactlyInAnyOrder("dbperf_queries_seconds_count",
				"dbperf_queries_seconds_sum", "hikaricp_connections_active");
	}

	@Test
	void whenGrafanaImportsTheBoardThenEveryPanelHasAPlaceAndEveryTargetAQueryOnTheChosenDatasource() {
		GrafanaBoard board = GrafanaBoard.read();
		JsonNode root = board.root();
		assertThat(root.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
		assertThat(root.path("uid").asString()).isEqualTo("dbperf");
		List<String> variables = root.path("templating")
			.path("list")
			.valueStream()
			.map((variable) -> variable.path("name").asString())
			.toList();
		assertThat(variables).containsExactly("datasource", "application", "instance");
		Set<Integer> ids = new HashSet<>();
		boolean[][] grid = new boolean[200][24];
		for (JsonNode panel : board.panels()) {
			assertThat(ids.add(panel.path("id").asInt())).as("unique id of %s", panel.path("title")).isTrue();
			JsonNode place = panel.path("gridPos");
			int x = place.path("x").asInt(-1);
			int y = place.path("y").asInt(-1);
			int w = place.path("w").asInt();
			int h = place.path("h").asInt();
			assertThat(x).isBetween(0, 23);
			assertThat(x + w).isBetween(1, 24);
			assertThat(h).isPositive();
			for (int row = y; row < y + h; row++) {
				for (int column = x; column < x + w; column++) {
					assertThat(grid[row][column]).as("%s overlaps another panel", panel.path("title")).isFalse();
					grid[row][column] = true;
				}
			}
			if (!"row".equals(panel.path("type").asString())) {
				assertThat(panel.path("datasource").path("uid").asString()).isEqualTo("${datasource}");
				assertThat(panel.path("targets")).isNotEmpty().allSatisfy((target) -> {
					assertThat(target.path("expr").asString()).contains("instance=~\"$instance\"")
						.contains("application=~\"$application\"");
					assertThat(target.path("refId").asString()).isNotEmpty();
				});
			}
		}
		assertThat(board.metricNames()).contains("dbperf_statements_seconds_count", "dbperf_queries_latency_total",
				"dbperf_nplusone_incidents_total", "hikaricp_connections_pending", "hikaricp_connections_active",
				"hikaricp_connections_acquire_seconds_sum", "cache_gets_total", "dbperf_cache_redis_breaker_open");
	}

}
