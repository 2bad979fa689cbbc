package io.github.dbperf.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.dbperf.context.ApplicationFrames;
import io.github.dbperf.context.UnitOfWorkContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ConnectionTracker}.
 */
class ConnectionTrackerTests {

	@Test
	void whenThePoolDoesNotTimeHoldsThenEachReturnedConnectionReportsHowLongItWasHeld() throws Exception {
		List<Long> held = new ArrayList<>();
		ConnectionTracker tracker = new ConnectionTracker("dataSource", Duration.ofMillis(200), 20,
				Duration.ofSeconds(60), new ApplicationFrames(List.of("com.example")), new ConnectionTimings() {

					@Override
					public void held(long nanos) {
						held.add(nanos);
					}

				});
		String id = tracker.getId(null);
		assertThat(tracker.getOpenConnectionIds()).containsExactly(id);
		Thread.sleep(5);
		tracker.addClosedId(id);
		assertThat(tracker.getOpenConnectionIds()).isEmpty();
		assertThat(held).singleElement().satisfies((nanos) -> assertThat(nanos).isGreaterThanOrEqualTo(5_000_000L));
	}

	@Test
	void whenThePoolTimesHoldsItselfThenConnectionsAreStillTrackedAndReleased() {
		ConnectionTracker tracker = new ConnectionTracker("dataSource", Duration.ofMillis(200), 20,
				Duration.ofSeconds(60), new ApplicationFrames(List.of("com.example")), ConnectionTimings.NONE);
		String first = tracker.getId(null);
		String second = tracker.getId(null);
		assertThat(first).isNotEqualTo(second);
		tracker.addClosedId(first);
		assertThat(tracker.getOpenConnectionIds()).containsExactly(second);
	}

	@Test
	void whenConnectionsAreHeldPastTheLongHoldTimeThenTheyAreListedLongestFirstWithTheUnitOfWorkThatBorrowedThem()
			throws Exception {
		ConnectionTracker tracker = new ConnectionTracker("dataSource", Duration.ofMillis(200), 20,
				Duration.ofSeconds(1), new ApplicationFrames(List.of("com.example")), ConnectionTimings.NONE);
		Thread leaker = new Thread(() -> {
			UnitOfWorkContext.set(() -> "GET /leaky");
			tracker.getId(null);
			UnitOfWorkContext.set(null);
		}, "leaker");
		leaker.start();
		leaker.join(10_000);
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !tracker.longHolds().isEmpty());
		String held = tracker.getId(null);
		tracker.addClosedId(tracker.getId(null));
		// The connection just taken is held far less than the long-hold time, so it is
		// not listed yet
		assertThat(tracker.longHolds()).singleElement().satisfies((holder) -> {
			assertThat(holder.thread()).isEqualTo("leaker");
			assertThat(holder.unitOfWork()).isEqualTo("GET /leaky");
			assertThat(holder.heldForMs()).isGreaterThanOrEqualTo(1000);
			assertThat(holder.stack()).isEmpty();
		});
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> tracker.longHolds().size() == 2);
		assertThat(tracker.longHolds()).extracting(ConnectionHolder::unitOfWork).containsExactly("GET /leaky", null);
		tracker.addClosedId(held);
		assertThat(tracker.longHolds()).extracting(ConnectionHolder::thread).containsExactly("leaker");
	}

}
