package io.github.dbperf.sample;

import java.time.LocalDate;
import java.util.List;

import io.github.dbperf.cache.CachedQuery;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read-mostly data served through {@link CachedQuery}: categories and the authors active
 * in the last 30 days. Adding a category evicts the cached list on commit, without any
 * code here.
 *
 * @author dbperf
 * @since 0.1.0
 */
@Service
public class CatalogService {

	private final CategoryRepository categories;

	private final AuthorRepository authors;

	CatalogService(CategoryRepository categories, AuthorRepository authors) {
		this.categories = categories;
		this.authors = authors;
	}

	@CachedQuery(ttl = "10m")
	@Transactional(readOnly = true)
	public List<CategoryView> categories() {
		return uncachedCategories();
	}

	@Transactional(readOnly = true)
	public List<CategoryView> uncachedCategories() {
		return this.categories.findAllByOrderByName()
			.stream()
			.map((category) -> new CategoryView(category.getId(), category.getName()))
			.toList();
	}

	@Transactional
	public CategoryView addCategory(String name) {
		Category category = this.categories.save(new Category(name));
		return new CategoryView(category.getId(), category.getName());
	}

	@CachedQuery(ttl = "1m")
	@Transactional(readOnly = true)
	public List<AuthorView> activeAuthors() {
		return this.authors.findActiveSince(LocalDate.now().minusDays(30))
			.stream()
			.map((author) -> new AuthorView(author.getId(), author.getName()))
			.toList();
	}

	/**
	 * A category as the API shows it.
	 *
	 * @param id the id
	 * @param name the name
	 */
	public record CategoryView(Long id, String name) {

	}

	/**
	 * An author as the API shows it.
	 *
	 * @param id the id
	 * @param name the name
	 */
	public record AuthorView(Long id, String name) {

	}

}
