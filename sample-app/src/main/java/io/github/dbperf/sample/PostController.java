package io.github.dbperf.sample;

import java.util.List;

import org.springframework.data.domain.PageRequest;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lists posts with their authors.
 *
 * @author dbperf
 * @since 0.1.0
 */
@RestController
class PostController {

	private final PostRepository posts;

	PostController(PostRepository posts) {
		this.posts = posts;
	}

	@GetMapping("/posts")
	@Transactional(readOnly = true)
	List<PostView> posts(@RequestParam(defaultValue = "100") int size) {
		return this.posts.findPageWithAuthors(PageRequest.of(0, size)).stream().map(PostView::of).toList();
	}

	record PostView(Long id, String title, String author) {

		static PostView of(Post post) {
			return new PostView(post.getId(), post.getTitle(),
					(post.getAuthor() != null) ? post.getAuthor().getName() : "");
		}

	}

}
