package io.github.dbperf.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule of the catalogue has its section in {@code docs/rules.md}, and every section
 * there is a rule.
 */
class RulesDocumentationTests {

	private static final Pattern SECTION = Pattern.compile("^### `([a-z0-9-]+)`$", Pattern.MULTILINE);

	@Test
	void whenARuleHasNoSectionInTheDocsThenTheBuildFails() throws IOException {
		assertThat(documented()).containsAll(Rules.all().stream().map(Rule::id).toList());
	}

	@Test
	void whenTheDocsDescribeAnUnknownRuleThenTheBuildFails() throws IOException {
		assertThat(documented()).allSatisfy((id) -> assertThat(Rules.find(id)).as(id).isNotNull());
	}

	@Test
	void whenTheDocsStateADefaultSeverityThenItIsTheRulesOwn() throws IOException {
		String docs = Files.readString(Path.of("../docs/rules.md"));
		for (Rule rule : Rules.all()) {
			int start = docs.indexOf("### `" + rule.id() + "`");
			String section = docs.substring(start, Math.min(docs.length(), start + 400));
			assertThat(section).as(rule.id())
				.contains("**Category** " + rule.category().id() + " · **Default severity** " + rule.severity());
		}
	}

	private static Set<String> documented() throws IOException {
		Matcher matcher = SECTION.matcher(Files.readString(Path.of("../docs/rules.md")));
		Set<String> ids = new LinkedHashSet<>();
		while (matcher.find()) {
			ids.add(matcher.group(1));
		}
		return ids;
	}

}
