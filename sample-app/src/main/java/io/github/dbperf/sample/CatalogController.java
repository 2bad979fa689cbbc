package io.github.dbperf.sample;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Categories and active authors, cached with {@code @CachedQuery}; the uncached list is
 * there to compare.
 *
 * @author dbperf
 * @since 0.1.0
 */
@RestController
class CatalogController {

	private final CatalogService catalog;

	CatalogController(CatalogService catalog) {
		this.catalog = catalog;
	}

	@GetMapping("/categories")
	List<CatalogService.CategoryView> categories() {
		return this.catalog.categories();
	}

	@GetMapping("/categories/uncached")
	List<CatalogService.CategoryView> uncachedCategories() {
		return this.catalog.uncachedCategories();
	}

	@PostMapping("/categories")
	@ResponseStatus(HttpStatus.CREATED)
	CatalogService.CategoryView addCategory(@RequestBody NewCategory category) {
		return this.catalog.addCategory(category.name());
	}

	@GetMapping("/authors/active")
	List<CatalogService.AuthorView> activeAuthors() {
		return this.catalog.activeAuthors();
	}

	record NewCategory(String name) {

	}

}
