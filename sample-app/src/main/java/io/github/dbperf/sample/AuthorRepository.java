package io.github.dbperf.sample;

import java.time.LocalDate;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/**
 * Authors.
 *
 * @author dbperf
 * @since 0.1.0
 */
public interface AuthorRepository extends JpaRepository<Author, Long> {

	@Query("select distinct a from Post p join p.author a where p.publishedOn >= :since order by a.name")
	List<Author> findActiveSince(LocalDate since);

}
