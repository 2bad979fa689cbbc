package io.github.dbperf.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link CachedQueryInterceptor} with a Caffeine tier.
 */
class CachedQueryInterceptorTests {

	private final CaffeineCacheTier tier = new CaffeineCacheTier(1000);

	private final Library target = new Library();

	private final Library library = proxy(this.target);

	@Test
	void whenAResultRefersToItselfThenTheCallerGetsItsOwnResultAndNothingIsCached() {
		Node first = this.library.cyclic("a");
		assertThat(first.children()).containsExactly(first);
		Node second = this.library.cyclic("a");
		assertThat(second.children()).containsExactly(second);
		assertThat(second).isNotSameAs(first);
		assertThat(this.target.calls).hasValue(2);
	}

	@Test
	void whenCallersWaitForARunningLoadThenTheyCopyTheCachedCopyNotTheFirstCallersResult() throws Exception {
		this.target.release = new CountDownLatch(1);
		CompletableFuture<Profile> first = CompletableFuture.supplyAsync(() -> this.library.profile("ada"));
		await().until(() -> this.target.calls.get() == 1);
		Thread[] waiter = new Thread[1];
		CompletableFuture<Profile> second = new CompletableFuture<>();
		waiter[0] = new Thread(() -> second.complete(this.library.profile("ada")));
		waiter[0].start();
		// Parked on the running load, not in the method
		await().until(() -> waiter[0].getState() == Thread.State.WAITING);
		this.target.release.countDown();
		Profile result = first.get(30, TimeUnit.SECONDS);
		Profile copy = second.get(30, TimeUnit.SECONDS);
		assertThat(this.target.calls).hasValue(1);
		// Read once, for the tier's copy, before the first caller had it back
		assertThat(((TrackedProfile) result).reads).hasValue(1);
		assertThat(copy).isNotSameAs(result).isNotInstanceOf(TrackedProfile.class);
		assertThat(copy.getTags()).containsExactly("ada").isNotSameAs(result.getTags());
	}

	@Test
	void whenTheCallerChangesItsKeyArgumentAfterTheCallThenTheEntryIsStillFound() {
		List<String> tags = new ArrayList<>(List.of("a"));
		this.library.tagged(tags);
		tags.set(0, "b");
		this.library.tagged(new ArrayList<>(List.of("a")));
		assertThat(this.target.calls).hasValue(1);
		assertThat(this.tier.size()).isEqualTo(1);
	}

	private Library proxy(Library target) {
		CachedQueryOperations operations = new CachedQueryOperations(Duration.ofMinutes(5));
		TableInvalidator invalidator = new TableInvalidator(() -> this.tier, operations);
		ProxyFactory factory = new ProxyFactory(target);
		factory.setProxyTargetClass(true);
		factory.addAdvice(new CachedQueryInterceptor(operations, this.tier, invalidator, 0));
		return (Library) factory.getProxy();
	}

	static class Library {

		final AtomicInteger calls = new AtomicInteger();

		volatile CountDownLatch release = new CountDownLatch(0);

		@CachedQuery
		public Node cyclic(String name) {
			this.calls.incrementAndGet();
			List<Object> children = new ArrayList<>();
			Node node = new Node(name, children);
			children.add(node);
			return node;
		}

		@CachedQuery
		public List<String> tagged(List<String> tags) {
			this.calls.incrementAndGet();
			return new ArrayList<>(tags);
		}

		@CachedQuery
		public Profile profile(String name) {
			this.calls.incrementAndGet();
			try {
				this.release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			TrackedProfile profile = new TrackedProfile();
			profile.setTags(new ArrayList<>(List.of(name)));
			return profile;
		}

	}

	record Node(String name, List<Object> children) {

		@Override
		public boolean equals(Object other) {
			return this == other;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this);
		}

		@Override
		public String toString() {
			return "Node[" + this.name + "]";
		}

	}

	static class Profile {

		private List<String> tags;

		public List<String> getTags() {
			return this.tags;
		}

		public void setTags(List<String> tags) {
			this.tags = tags;
		}

	}

	/**
	 * Counts how often its contents are read, as a copy reads them.
	 */
	static class TrackedProfile extends Profile {

		final AtomicInteger reads = new AtomicInteger();

		@Override
		public List<String> getTags() {
			this.reads.incrementAndGet();
			return super.getTags();
		}

	}

}
