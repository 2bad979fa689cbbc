package io.github.dbperf.advisor;

import java.util.List;

import io.github.dbperf.advisor.CatalogFacts.Index;
import io.github.dbperf.rules.Finding;
import io.github.dbperf.rules.RuleSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The table-without-primary-key rule over catalog facts: framework tables that have no
 * primary key by design are left out, whatever their case or schema.
 *
 * @author dbperf
 */
class CatalogRulesTests {

	@Test
	void whenAFrameworkTableHasNoPrimaryKeyThenItIsNotAFinding() {
		List<Index> withoutKey = List.of(table("DATABASECHANGELOG"), table("batch.batch_job_execution_params"),
				table("\"BATCH_STEP_EXECUTION_SEQ\""), table("hibernate_sequence"), table("event_log"));
		List<Finding> findings = new CatalogRules("dataSource",
				new CatalogFacts(List.of(), List.of(), withoutKey, List.of()), true)
			.check(RuleSettings.defaults());
		assertThat(findings).extracting((finding) -> finding.where().table()).containsExactly("event_log");
	}

	private static Index table(String name) {
		return new Index(name, "", List.of(), false, false, "btree", false);
	}

}
