package io.github.dbperf.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

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
	void whenThePoolDoesNotTimeHoldsThenEachReturnedConnectionReportsHowLongItWasHeldOnce() throws Exception {
		List<Long> held = new ArrayList<>();
		ConnectionTracker tracker = new ConnectionTracker("dataSource", Duration.ofMillis(200), 20,
				Duration.ofSeconds(60), new ApplicationFrames(List.of("com.example")), new ConnectionTimings() {

					@Override
					public void held(long nanos) {
						held.add(nanos);
					}

				});
		Object hold = tracker.opened(System.nanoTime());
		Thread.sleep(5);
		tracker.closed(hold);
		tracker.closed(hold);
		assertThat(held).singleElement().satisfies((nanos) -> assertThat(nanos).isGreaterThanOrEqualTo(5_000_000L));
	}

	@Test
	void whenThePoolTimesHoldsItselfThenConnectionsAreStillTrackedAndReleased() {
		ConnectionTracker tracker = new ConnectionTracker("dataSource", Duration.ofMillis(200), 20, Duration.ZERO,
				new ApplicationFrames(List.of("com.example")), ConnectionTimings.NONE);
		Object first = tracker.opened(System.nanoTime());
		Object second = tracker.opened(System.nanoTime());
		assertThat(tracker.longHolds()).hasSize(2);
		tracker.closed(first);
		assertThat(tracker.longHolds()).hasSize(1);
		tracker.closed(second);
		assertThat(tracker.longHolds()).isEmpty();
	}

	@Test
	void whenMoreConnectionsAreHeldThanTheTrackerHasSlotsThenEachIsListedAndEachReleaseReportedOnce() throws Exception {
		AtomicInteger released = new AtomicInteger();
		ConnectionTracker tracker = new ConnectionTracker("dataSource", Duration.ofMillis(200), 20, Duration.ZERO,
				new ApplicationFrames(List.of("com.example")), new ConnectionTimings() {

					@Override
					public void held(long nanos) {
						released.incrementAndGet();
					}

				});
		List<Object> holds = Collections.synchronizedList(new ArrayList<>());
		List<Thread> borrowers = new ArrayList<>();
		for (int t = 0; t < 4; t++) {
			Thread borrower = new Thread(() -> {
				for (int i = 0; i < 50; i++) {
					holds.add(tracker.opened(System.nanoTime()));
				}
			});
			borrower.start();
			borrowers.add(borrower);
		}
		for (Thread borrower : borrowers) {
			borrower.join();
		}
		assertThat(tracker.longHolds()).hasSize(200);
		// Released on another thread than the borrowers, twice each
		for (Object hold : holds) {
			tracker.closed(hold);
			tracker.closed(hold);
		}
		assertThat(tracker.longHolds()).isEmpty();
		assertThat(released).hasValue(200);
		Object again = tracker.opened(System.nanoTime());
		assertThat(tracker.longHolds()).hasSize(1);
		tracker.closed(again);
		assertThat(tracker.longHolds()).isEmpty();
	}

	@Test
	void whenConnectionsAreHeldPastTheLongHoldTimeThenTheyAreListedLongestFirstWithTheUnitOfWorkThatBorrowedThem()
			throws Exception {
		ConnectionTracker tracker = new ConnectionTracker("dataSource", Duration.ofMillis(200), 20,
				Duration.ofSeconds(1), new ApplicationFrames(List.of("com.example")), ConnectionTimings.NONE);
		Thread leaker = new Thread(() -> {
			UnitOfWorkContext.set(() -> "GET /leaky");
			tracker.opened(System.nanoTime());
			UnitOfWorkContext.set(null);
		}, "leaker");
		leaker.start();
		leaker.join(10_000);
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !tracker.longHolds().isEmpty());
		Object held = tracker.opened(System.nanoTime());
		tracker.closed(tracker.opened(System.nanoTime()));
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
		tracker.closed(held);
		assertThat(tracker.longHolds()).extracting(ConnectionHolder::thread).containsExactly("leaker");
	}

}
