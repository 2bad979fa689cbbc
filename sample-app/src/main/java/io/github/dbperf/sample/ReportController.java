package io.github.dbperf.sample;

import java.time.LocalDate;
import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A native SQL aggregate and an unindexed search (title or content, newest first, 20 at
 * most), the statements that show up in {@code slowqueries}.
 *
 * @author dbperf
 * @since 0.1.0
 */
@RestController
class ReportController {

	private final JdbcClient jdbc;

	private final PostRepository posts;

	ReportController(JdbcClient jdbc, PostRepository posts) {
		this.jdbc = jdbc;
		this.posts = posts;
	}

	@GetMapping("/stats/daily")
	List<DailyStats> daily() {
		return this.jdbc
			.sql("select published_on, count(*) as posts, avg(length(content)) as average_length"
					+ " from post group by published_on order by published_on")
			.query((rs, row) -> new DailyStats(rs.getObject("published_on", LocalDate.class), rs.getLong("posts"),
					rs.getDouble("average_length")))
			.list();
	}

	@GetMapping("/search")
	List<PostController.PostView> search(@RequestParam String q) {
		String text = q.strip();
		if (text.length() < 2) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Search for at least 2 characters");
		}
		return this.posts.search(text, Limit.of(20))
			.stream()
			.map((post) -> new PostController.PostView(post.getId(), post.getTitle(), post.getAuthor().getName()))
			.toList();
	}

	record DailyStats(LocalDate day, long posts, double averageLength) {

	}

}
