package io.github.dbperf.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an IDE shows for dbperf's properties: the generated configuration metadata.
 */
class ConfigurationMetadataTests {

	@Test
	void everyScalarPropertyHasItsDefault() throws IOException {
		assertThat(properties()).filteredOn((property) -> !isCollection(property))
			.allSatisfy((property) -> assertThat(property.has("defaultValue"))
				.as("%s has a default", property.path("name").asString())
				.isTrue());
	}

	@Test
	void descriptionsAreTextWithoutJavadocTags() throws IOException {
		assertThat(properties()).allSatisfy(
				(property) -> assertThat(property.path("description").asString()).as(property.path("name").asString())
					.isNotBlank()
					.doesNotContain("{@"));
	}

	@Test
	void everyEnumPropertyListsItsValuesAsUsersWriteThem() throws Exception {
		JsonNode metadata = metadata();
		Set<String> hinted = metadata.path("hints")
			.valueStream()
			.map((hint) -> hint.path("name").asString())
			.collect(Collectors.toSet());
		List<JsonNode> enums = properties().stream().filter(ConfigurationMetadataTests::isEnum).toList();
		assertThat(enums).extracting((property) -> property.path("name").asString())
			.contains("dbperf.nplusone.mode", "dbperf.cache.type");
		for (JsonNode property : enums) {
			String name = property.path("name").asString();
			assertThat(hinted).as("hint for %s", name).contains(name);
			Class<?> type = ClassUtils.forName(property.path("type").asString(), null);
			List<String> values = metadata.path("hints")
				.valueStream()
				.filter((hint) -> hint.path("name").asString().equals(name))
				.flatMap((hint) -> hint.path("values").valueStream())
				.map((value) -> value.path("value").asString())
				.toList();
			assertThat(values).as(name)
				.containsExactlyInAnyOrderElementsOf(List.of(type.getEnumConstants())
					.stream()
					.map((constant) -> ((Enum<?>) constant).name().toLowerCase().replace('_', '-'))
					.toList());
		}
	}

	private static boolean isCollection(JsonNode property) {
		String type = property.path("type").asString();
		return type.startsWith("java.util.List") || type.startsWith("java.util.Set")
				|| type.startsWith("java.util.Collection") || type.startsWith("java.util.Map");
	}

	private static boolean isEnum(JsonNode property) {
		String type = property.path("type").asString();
		try {
			return ClassUtils.forName(type, null).isEnum();
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	private static List<JsonNode> properties() throws IOException {
		return metadata().path("properties")
			.valueStream()
			.filter((property) -> property.path("name").asString().startsWith("dbperf."))
			.toList();
	}

	private static JsonNode metadata() throws IOException {
		try (InputStream in = ConfigurationMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			return JsonMapper.shared().readTree(in);
		}
	}

}
