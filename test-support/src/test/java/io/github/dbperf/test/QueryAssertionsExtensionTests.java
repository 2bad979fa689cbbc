package io.github.dbperf.test;

import io.github.dbperf.test.model.ShopRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The JUnit 5 annotations, run on fixture test classes through the JUnit test kit so both
 * passing and failing verdicts are checked.
 */
class QueryAssertionsExtensionTests {

	@Test
	void whenSpringBootTestsUseTheAnnotationsThenNaiveFailsAndFixedPasses() {
		Events events = run(MockMvcFixture.class);
		events.assertThatEvents()
			.haveExactly(1,
					event(test("naiveHasNoNPlusOne"),
							finishedWithFailure(message((text) -> text.contains("Shop.items (LAZY) loaded 4 times")
									&& text.contains("@BatchSize(size = 16) on Shop.items")))))
			.haveExactly(1, event(test("fixedRunsOneSelect"), finishedSuccessfully()))
			.haveExactly(1,
					event(test("naiveRunsTooMany"),
							finishedWithFailure(
									message((text) -> text.startsWith("Expected at most 2 statements but 5 ran")))))
			.haveExactly(1, event(test("recorderIsInjected"), finishedSuccessfully()));
	}

	@Test
	void whenDataJpaTestsUseTheAnnotationsThenTheTestTransactionIsLeftOut() {
		Events events = run(DataJpaFixture.class);
		events.assertThatEvents()
			.haveExactly(1,
					event(test("naiveLoop"),
							finishedWithFailure(message((text) -> text.contains("Shop.items (LAZY) loaded 4 times")))))
			.haveExactly(1, event(test("fetchJoin"), finishedSuccessfully()));
	}

	private static Events run(Class<?> fixture) {
		Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute().testEvents();
		assertThat(events.started().count()).isEqualTo(events.finished().count()).isPositive();
		return events;
	}

	@SpringBootTest(classes = TestApplication.class)
	@AutoConfigureMockMvc
	static class MockMvcFixture {

		@Autowired
		private MockMvc mvc;

		@DynamicPropertySource
		static void postgres(DynamicPropertyRegistry registry) {
			TestApplication.postgres(registry);
		}

		@Test
		@NoNPlusOne
		void naiveHasNoNPlusOne() throws Exception {
			this.mvc.perform(get("/shops"));
		}

		@Test
		@NoNPlusOne
		@ExpectQueries(select = 1, insert = 0)
		void fixedRunsOneSelect() throws Exception {
			this.mvc.perform(get("/shops/fixed"));
		}

		@Test
		@ExpectMaxQueries(2)
		void naiveRunsTooMany() throws Exception {
			this.mvc.perform(get("/shops"));
		}

		@Test
		@ExtendWith(QueryAssertionsExtension.class)
		void recorderIsInjected(QueryRecorder recorder) throws Exception {
			this.mvc.perform(get("/shops/fixed"));
			DbperfAssertions.assertThat(recorder).hasSelectCount(1);
		}

	}

	@DataJpaTest
	@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
	@ContextConfiguration(classes = TestApplication.class)
	@NoNPlusOne
	static class DataJpaFixture {

		@Autowired
		private ShopRepository shops;

		@DynamicPropertySource
		static void postgres(DynamicPropertyRegistry registry) {
			TestApplication.postgres(registry);
		}

		@Test
		void naiveLoop() {
			this.shops.findAll().forEach((shop) -> shop.getItems().size());
		}

		@Test
		@ExpectQueries(select = 1)
		void fetchJoin() {
			this.shops.findAllWithItems().forEach((shop) -> shop.getItems().size());
		}

	}

}
