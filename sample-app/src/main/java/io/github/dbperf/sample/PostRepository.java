package io.github.dbperf.sample;

import java.util.List;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/**
 * Posts.
 *
 * @author dbperf
 * @since 0.1.0
 */
public interface PostRepository extends JpaRepository<Post, Long> {

	@Query("select p from Post p join fetch p.author order by p.id")
	List<Post> findPageWithAuthors(Pageable pageable);

}
