package io.github.dbperf.sample;

import java.util.List;

import org.springframework.data.domain.Limit;
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

	@Query("select p from Post p order by p.id")
	List<Post> findPage(Pageable pageable);

	@Query("select p from Post p join fetch p.author order by p.id")
	List<Post> findPageWithAuthors(Pageable pageable);

	@Query("select p.id as id, p.title as title, p.author.id as authorId from Post p order by p.id")
	List<PostRow> findRows(Pageable pageable);

	@Query("select p from Post p join fetch p.author" + " where lower(p.title) like lower(concat('%', :text, '%'))"
			+ " or lower(p.content) like lower(concat('%', :text, '%')) order by p.publishedOn desc, p.id")
	List<Post> search(String text, Limit limit);

	/**
	 * A post's columns without loading its author.
	 *
	 * @param id the post id
	 * @param title the title
	 * @param authorId the author's id
	 */
	record PostRow(Long id, String title, Long authorId) {

	}

}
