package io.github.dbperf.it.cache;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.dbperf.cache.CachedQuery;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads categories through {@code @CachedQuery} methods and counts how often each really
 * ran.
 */
public class CategoryService {

	private final JdbcTemplate jdbc;

	private final AtomicInteger computations = new AtomicInteger();

	public CategoryService(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Create the category table with three rows and reset the counter.
	 * @return this service
	 */
	public CategoryService seed() {
		this.jdbc.execute("drop table if exists category");
		this.jdbc.execute("create table category (id bigint primary key, name varchar(40))");
		this.jdbc.update("insert into category (id, name) values (1, 'music'), (2, 'books'), (3, 'film')");
		this.computations.set(0);
		return this;
	}

	/**
	 * Return how often the cached methods really ran.
	 * @return the counter
	 */
	public AtomicInteger computations() {
		return this.computations;
	}

	@CachedQuery(ttl = "1h")
	public List<CategoryView> categories() {
		this.computations.incrementAndGet();
		return this.jdbc.query("select id, name from category order by id",
				(rs, row) -> new CategoryView(rs.getLong(1), rs.getString(2)));
	}

	@CachedQuery(ttl = "1h", autoInvalidate = false)
	public List<CategoryView> categoriesUntilExpiry() {
		this.computations.incrementAndGet();
		return this.jdbc.query("select id, name from category order by id",
				(rs, row) -> new CategoryView(rs.getLong(1), rs.getString(2)));
	}

	@CachedQuery(ttl = "2s")
	public long count() {
		this.computations.incrementAndGet();
		return this.jdbc.queryForObject("select count(*) from category", Long.class);
	}

	@CachedQuery(ttl = "1h")
	public CategoryView slowly(long id) throws InterruptedException {
		this.computations.incrementAndGet();
		Thread.sleep(300);
		return this.jdbc.queryForObject("select id, name from category where id = ?",
				(rs, row) -> new CategoryView(rs.getLong(1), rs.getString(2)), id);
	}

	@CachedQuery(name = "typed", ttl = "1h")
	public String typed(Object key) {
		return key.getClass().getSimpleName() + "#" + this.computations.incrementAndGet();
	}

	@CachedQuery(ttl = "1h", key = "#id", condition = "#id > 0", unless = "#result == null")
	public CategoryView byId(long id, String ignoredForKey) {
		this.computations.incrementAndGet();
		List<CategoryView> found = this.jdbc.query("select id, name from category where id = ?",
				(rs, row) -> new CategoryView(rs.getLong(1), rs.getString(2)), id);
		return found.isEmpty() ? null : found.get(0);
	}

	/**
	 * A category as callers see it.
	 *
	 * @param id the id
	 * @param name the name
	 */
	public record CategoryView(long id, String name) {

	}

	/**
	 * Registers the service.
	 */
	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	public static class Configuration {

		@org.springframework.context.annotation.Bean
		CategoryService categoryService(JdbcTemplate jdbc) {
			return new CategoryService(jdbc);
		}

	}

}
