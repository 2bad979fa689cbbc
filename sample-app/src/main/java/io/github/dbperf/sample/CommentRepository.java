package io.github.dbperf.sample;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Comments.
 *
 * @author dbperf
 * @since 0.1.0
 */
public interface CommentRepository extends JpaRepository<Comment, Long> {

}
