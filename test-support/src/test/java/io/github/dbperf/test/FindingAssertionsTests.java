package io.github.dbperf.test;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static io.github.dbperf.test.DbperfAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The findings assertions of {@link QueryRecorderAssert}: the {@code sql} and
 * {@code runtime} rules over what a test ran, on a real PostgreSQL.
 */
@SpringBootTest(classes = TestApplication.class)
@AutoConfigureMockMvc
class FindingAssertionsTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private DataSource dataSource;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		TestApplication.postgres(registry);
	}

	@Test
	void whenAStatementBreaksSqlRulesThenTheyAreFindingsNamingTheStatement() {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		try (QueryRecorder recorder = QueryRecorder.start()) {
			jdbc.queryForList("select * from shop where name like concat('%', ?)", "secret-4711");
			assertThat(recorder).hasFinding("sql-select-star").hasFinding("sql-leading-wildcard-like");
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> assertThat(recorder).hasNoFinding("sql-leading-wildcard-like"))
				.withMessageContaining("Expected no sql-leading-wildcard-like findings but found:")
				.withMessageContaining("[sql-leading-wildcard-like]")
				.withMessageContaining("select * from shop where name like concat(?, ?)")
				.withMessageNotContaining("secret-4711");
			assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(recorder).hasNoFindings())
				.withMessageContaining("[sql-select-star]");
		}
	}

	@Test
	void whenTheStatementIsFixedThenThereAreNoFindings() {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		try (QueryRecorder recorder = QueryRecorder.start()) {
			jdbc.queryForList("select id, name from shop where name like ?", "Sh%");
			assertThat(recorder).hasNoFindings().hasNoFinding("sql-select-star");
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> assertThat(recorder).hasFinding("sql-select-star"))
				.withMessageContaining("Expected a sql-select-star finding but found none");
		}
	}

	@Test
	void whenTheNaiveEndpointRunsThenTheNPlusOneIsARuntimeFinding() throws Exception {
		try (QueryRecorder recorder = QueryRecorder.start()) {
			this.mvc.perform(get("/shops"));
			assertThat(recorder).hasFinding("runtime-n-plus-one").hasNoFinding("runtime-duplicate-query");
			assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(recorder).hasNoFindings())
				.withMessageContaining(
						"ERROR [runtime-n-plus-one] N+1 queries in test: Shop.items (LAZY) loaded 4 times Fix: Fetch")
				.withMessageContaining("at ShopController.lambda$naive");
		}
	}

	@Test
	void whenTheFixedEndpointRunsThenThereAreNoFindings() throws Exception {
		try (QueryRecorder recorder = QueryRecorder.start()) {
			this.mvc.perform(get("/shops/fixed"));
			assertThat(recorder).hasNoFindings();
		}
	}

	@Test
	void whenTheRuleIdIsUnknownThenTheAssertionSaysSo() {
		try (QueryRecorder recorder = QueryRecorder.start()) {
			assertThatIllegalArgumentException().isThrownBy(() -> assertThat(recorder).hasNoFinding("sql-select-all"))
				.withMessage("No rule 'sql-select-all' in dbperf's catalogue");
		}
	}

}
