package io.github.dbperf.sample;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Tags.
 *
 * @author dbperf
 * @since 0.1.0
 */
public interface TagRepository extends JpaRepository<Tag, Long> {

}
