package io.github.dbperf.test;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static io.github.dbperf.test.DbperfAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@link QueryRecorder} and its AssertJ assertions with {@code @SpringBootTest} and
 * MockMvc on a real PostgreSQL.
 */
@SpringBootTest(classes = TestApplication.class)
@AutoConfigureMockMvc
class QueryRecorderTests {

	@Autowired
	private MockMvc mvc;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		TestApplication.postgres(registry);
	}

	@Test
	void whenTheFixedEndpointRunsThenOneSelectAndNoNPlusOne() throws Exception {
		try (QueryRecorder recorder = QueryRecorder.start()) {
			this.mvc.perform(get("/shops/fixed"));
			assertThat(recorder).hasSelectCount(1).hasStatementCount(1).hasNoNPlusOne().hasNoDuplicateQueries();
		}
	}

	@Test
	void whenTheNaiveEndpointRunsThenTheFailureNamesTheAssociationAndTheFix() throws Exception {
		try (QueryRecorder recorder = QueryRecorder.start()) {
			this.mvc.perform(get("/shops")).andExpect(status().isOk());
			assertThat(recorder).hasSelectCount(5);
			assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(recorder).hasNoNPlusOne())
				.withMessageContaining("Expected no N+1 queries but found:")
				.withMessageContaining("Shop.items (LAZY) loaded 4 times")
				.withMessageContaining("at ShopController.lambda$naive")
				.withMessageContaining("@EntityGraph(attributePaths = \"items\")")
				.withMessageContaining(
						"4 x select i1_0.shop_id, i1_0.id, i1_0.name from item i1_0 where i1_0.shop_id = ?");
		}
	}

	@Test
	void whenACountIsWrongThenTheMessageListsStatementsWithoutBindValues() throws Exception {
		try (QueryRecorder recorder = QueryRecorder.start()) {
			this.mvc.perform(get("/shops/search").param("name", "secret-name-4711"));
			assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(recorder).hasSelectCount(3))
				.withMessageContaining("Expected 3 select statements but 1 ran")
				.withMessageContaining("1 x select")
				.withMessageNotContaining("secret-name-4711");
		}
	}

	@Test
	void whenStoppedThenLaterStatementsAreNotRecorded() throws Exception {
		QueryRecorder recorder = QueryRecorder.start();
		this.mvc.perform(get("/shops/fixed"));
		recorder.stop();
		this.mvc.perform(get("/shops/fixed"));
		assertThat(recorder).hasStatementCount(1);
		recorder.reset();
		assertThat(recorder).hasStatementCount(0);
	}

}
