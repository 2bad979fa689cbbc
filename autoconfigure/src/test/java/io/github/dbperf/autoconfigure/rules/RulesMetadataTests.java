package io.github.dbperf.autoconfigure.rules;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.github.dbperf.rules.Rule;
import io.github.dbperf.rules.Rules;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule's {@code dbperf.rules.<id>.*} properties are in the configuration metadata
 * (META-INF/additional-spring-configuration-metadata.json), so IDEs complete them.
 */
class RulesMetadataTests {

	@Test
	void everyRuleHasItsEnabledAndSeverityPropertiesWithTheirDefaults() throws IOException {
		Map<String, JsonNode> properties = metadata().path("properties")
			.valueStream()
			.collect(Collectors.toMap((property) -> property.path("name").asString(), Function.identity()));
		for (Rule rule : Rules.all()) {
			String prefix = "dbperf.rules." + rule.id() + ".";
			assertThat(properties.containsKey(prefix + "enabled"))
				.as("metadata for %senabled; add it to META-INF/additional-spring-configuration-metadata.json", prefix)
				.isTrue();
			assertThat(properties.get(prefix + "enabled").path("defaultValue").asBoolean()).isTrue();
			assertThat(properties.containsKey(prefix + "severity")).as("metadata for %sseverity", prefix).isTrue();
			assertThat(properties.get(prefix + "severity").path("defaultValue").asString())
				.isEqualTo(rule.severity().name().toLowerCase());
		}
		assertThat(properties.containsKey("dbperf.rules.ignore")).isTrue();
	}

	private static JsonNode metadata() throws IOException {
		try (InputStream in = RulesMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			return JsonMapper.shared().readTree(in);
		}
	}

}
