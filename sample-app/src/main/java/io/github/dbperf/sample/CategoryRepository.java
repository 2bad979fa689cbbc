package io.github.dbperf.sample;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Categories.
 *
 * @author dbperf
 * @since 0.1.0
 */
public interface CategoryRepository extends JpaRepository<Category, Long> {

	List<Category> findAllByOrderByName();

}
