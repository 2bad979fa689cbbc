package io.github.dbperf.sample;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Authors.
 *
 * @author dbperf
 * @since 0.1.0
 */
public interface AuthorRepository extends JpaRepository<Author, Long> {

}
