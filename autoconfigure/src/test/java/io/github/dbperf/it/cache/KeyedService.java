package io.github.dbperf.it.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.dbperf.cache.CachedQuery;

/**
 * {@code @CachedQuery} methods with awkward keys and mutable results, counting how often
 * each really ran.
 */
public class KeyedService {

	private final AtomicInteger computations = new AtomicInteger();

	/**
	 * Return how often the cached methods really ran.
	 * @return the counter
	 */
	public AtomicInteger computations() {
		return this.computations;
	}

	@CachedQuery(name = "keyed", ttl = "1h")
	public String describe(Object key) {
		return "computed " + this.computations.incrementAndGet();
	}

	@CachedQuery(name = "named", ttl = "1h", key = "#filter.name()")
	public String byName(Filter filter) {
		return "computed " + this.computations.incrementAndGet();
	}

	@CachedQuery(ttl = "1h")
	public List<String> names() {
		this.computations.incrementAndGet();
		return new ArrayList<>(List.of("a", "b"));
	}

	@CachedQuery(ttl = "1h")
	public Basket basket() {
		this.computations.incrementAndGet();
		return new Basket("ada", new ArrayList<>(List.of("tea")));
	}

	@CachedQuery(ttl = "1h")
	public int[] numbers() {
		this.computations.incrementAndGet();
		return new int[] { 1, 2 };
	}

	@CachedQuery(ttl = "1h")
	public Profile profile() {
		this.computations.incrementAndGet();
		Profile profile = new Profile();
		profile.setName("ada");
		return profile;
	}

	/**
	 * A key whose name is exact.
	 *
	 * @param name the name
	 */
	public record Filter(String name) {

	}

	/**
	 * A record holding a mutable list.
	 *
	 * @param owner the owner
	 * @param items the items
	 */
	public record Basket(String owner, List<String> items) {

	}

	/**
	 * A mutable DTO.
	 */
	public static class Profile {

		private String name;

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

	}

	/**
	 * Equal only for the same tenant, which no getter shows.
	 */
	public static class TenantFilter {

		private final String tenant;

		public TenantFilter(String tenant) {
			this.tenant = tenant;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof TenantFilter filter && filter.tenant.equals(this.tenant);
		}

		@Override
		public int hashCode() {
			return this.tenant.hashCode();
		}

	}

	/**
	 * A detached entity: its lazy collection cannot be read any more.
	 */
	public static class Detached {

		public List<String> getItems() {
			throw new IllegalStateException("failed to lazily initialize a collection: no session");
		}

	}

	/**
	 * A node that can hold itself.
	 *
	 * @param name the name
	 * @param children the children
	 */
	public record Node(String name, List<Object> children) {

	}

	/**
	 * Registers the service.
	 */
	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	public static class Configuration {

		@org.springframework.context.annotation.Bean
		KeyedService keyedService() {
			return new KeyedService();
		}

	}

}
