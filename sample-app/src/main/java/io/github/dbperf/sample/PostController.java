package io.github.dbperf.sample;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.data.domain.PageRequest;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lists posts with their authors three ways: the N+1 way, fixed with a fetch join, and
 * fixed with one batched query for the authors. All three answer the same JSON.
 *
 * @author dbperf
 * @since 0.1.0
 */
@RestController
class PostController {

	private final PostRepository posts;

	private final AuthorRepository authors;

	PostController(PostRepository posts, AuthorRepository authors) {
		this.posts = posts;
		this.authors = authors;
	}

	@GetMapping("/posts/naive")
	@Transactional(readOnly = true)
	List<PostView> naive(@RequestParam(defaultValue = "100") int size) {
		// Each post's lazy author is loaded on first use: 1 query for the posts, 1 per
		// post
		return this.posts.findPage(PageRequest.of(0, size))
			.stream()
			.map((post) -> new PostView(post.getId(), post.getTitle(), post.getAuthor().getName()))
			.toList();
	}

	@GetMapping("/posts")
	@Transactional(readOnly = true)
	List<PostView> posts(@RequestParam(defaultValue = "100") int size) {
		return this.posts.findPageWithAuthors(PageRequest.of(0, size))
			.stream()
			.map((post) -> new PostView(post.getId(), post.getTitle(), post.getAuthor().getName()))
			.toList();
	}

	@GetMapping("/posts/batched")
	@Transactional(readOnly = true)
	List<PostView> batched(@RequestParam(defaultValue = "100") int size) {
		List<PostRepository.PostRow> rows = this.posts.findRows(PageRequest.of(0, size));
		Map<Long, Author> byId = this.authors.findAllById(rows.stream().map(PostRepository.PostRow::authorId).toList())
			.stream()
			.collect(Collectors.toMap(Author::getId, Function.identity()));
		return rows.stream()
			.map((row) -> new PostView(row.id(), row.title(), byId.get(row.authorId()).getName()))
			.toList();
	}

	record PostView(Long id, String title, String author) {

	}

}
