package io.github.dbperf.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link CachedQueryInterceptor} with a Caffeine tier: copies, single flight,
 * {@code cacheNull} and early refresh (XFetch) on a random source the tests choose.
 */
class CachedQueryInterceptorTests {

	private final CaffeineCacheTier tier = new CaffeineCacheTier(1000);

	private final CachedQueryOperations operations = new CachedQueryOperations(Duration.ofMinutes(5));

	private final Library target = new Library();

	private final Library library = proxy(this.target, 0, () -> 0.5);

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

	@Test
	void whenTheMethodReturnsNullAndCacheNullIsSetThenTheNullIsCached() {
		assertThat(this.library.nullCached("a")).isNull();
		assertThat(this.library.nullCached("a")).isNull();
		assertThat(this.target.calls).hasValue(1);
		assertThat(this.tier.size()).isEqualTo(1);
	}

	@Test
	void whenTheMethodReturnsNullAndCacheNullIsNotSetThenEveryCallRunsIt() {
		assertThat(this.library.nullNotCached("a")).isNull();
		assertThat(this.library.nullNotCached("a")).isNull();
		assertThat(this.target.calls).hasValue(2);
		assertThat(this.tier.size()).isZero();
	}

	@Test
	void whenTheLoadThrowsThenCallersWaitingForItGetItsExceptionAndNothingIsCached() throws Exception {
		this.target.release = new CountDownLatch(1);
		CompletableFuture<String> loader = CompletableFuture.supplyAsync(() -> this.library.failing("a"));
		await().until(() -> this.target.calls.get() == 1);
		CompletableFuture<Throwable> waiting = new CompletableFuture<>();
		Thread waiter = new Thread(() -> {
			try {
				this.library.failing("a");
				waiting.complete(null);
			}
			catch (Throwable ex) {
				waiting.complete(ex);
			}
		});
		waiter.start();
		// Parked on the running load, not in the method
		await().until(() -> waiter.getState() == Thread.State.WAITING);
		this.target.release.countDown();
		assertThat(loader).failsWithin(Duration.ofSeconds(30))
			.withThrowableOfType(ExecutionException.class)
			.havingCause()
			.isInstanceOf(IllegalStateException.class)
			.withMessage("load 1 failed");
		assertThat(waiting.get(30, TimeUnit.SECONDS)).as("the waiter's exception")
			.isInstanceOf(IllegalStateException.class)
			.hasMessage("load 1 failed");
		assertThat(this.target.calls).as("the method ran once").hasValue(1);
		assertThat(this.operations.named("Library.failing").statistics().errors()).isOne();
		assertThatIllegalStateException().isThrownBy(() -> this.library.failing("a")).withMessage("load 2 failed");
	}

	@Test
	void whenAHitIsCloseToExpiryForItsComputeTimeThenXFetchRecomputesIt() throws Exception {
		Library refreshing = proxy(this.target, 1, () -> 1e-12);
		assertThat(refreshing.hot("a")).isEqualTo("hot a 1");
		storeNearExpiry(refreshing, "a");
		// -10s x ln(1e-12) is about 276s past now, beyond the entry's 5s left
		assertThat(refreshing.hot("a")).isEqualTo("hot a 2");
		assertThat(this.operations.named("Library.hot").statistics().earlyRefreshes()).isOne();
		assertThat(this.operations.named("Library.hot").statistics().hits()).isZero();
	}

	@Test
	void whenAHitIsFarFromExpiryForItsComputeTimeThenXFetchServesIt() throws Exception {
		Library refreshing = proxy(this.target, 1, () -> 0.999);
		assertThat(refreshing.hot("a")).isEqualTo("hot a 1");
		storeNearExpiry(refreshing, "a");
		// -10s x ln(0.999) is about 10ms past now, well within the entry's 5s left
		assertThat(refreshing.hot("a")).isEqualTo("stored");
		assertThat(this.operations.named("Library.hot").statistics().earlyRefreshes()).isZero();
		assertThat(this.target.calls).hasValue(1);
	}

	/**
	 * Replace the entry of a call with one that took 10s to compute and expires in 5s.
	 */
	private void storeNearExpiry(Library library, String name) throws Exception {
		CachedQueryOperation operation = this.operations.get(Library.class.getMethod("hot", String.class),
				Library.class);
		CacheKey key = operation.key(this.target, new Object[] { name });
		long now = System.currentTimeMillis();
		this.tier.put(operation.descriptor(), key,
				new CachedValue("stored", now, now + 5_000, Duration.ofSeconds(10).toNanos(), Set.of()));
	}

	private Library proxy(Library target, double earlyRefreshBeta, DoubleSupplier random) {
		TableInvalidator invalidator = new TableInvalidator(() -> this.tier, this.operations);
		ProxyFactory factory = new ProxyFactory(target);
		factory.setProxyTargetClass(true);
		factory
			.addAdvice(new CachedQueryInterceptor(this.operations, this.tier, invalidator, earlyRefreshBeta, random));
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

		@CachedQuery(cacheNull = true)
		public @Nullable String nullCached(String name) {
			this.calls.incrementAndGet();
			return null;
		}

		@CachedQuery
		public @Nullable String nullNotCached(String name) {
			this.calls.incrementAndGet();
			return null;
		}

		@CachedQuery
		public String failing(String name) {
			int call = this.calls.incrementAndGet();
			awaitRelease();
			throw new IllegalStateException("load " + call + " failed");
		}

		@CachedQuery(ttl = "1h")
		public String hot(String name) {
			return "hot " + name + " " + this.calls.incrementAndGet();
		}

		@CachedQuery
		public Profile profile(String name) {
			this.calls.incrementAndGet();
			awaitRelease();
			TrackedProfile profile = new TrackedProfile();
			profile.setTags(new ArrayList<>(List.of(name)));
			return profile;
		}

		private void awaitRelease() {
			try {
				this.release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
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
