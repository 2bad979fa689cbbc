package io.github.dbperf.sample;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fills an empty database with authors, posts and comments; does nothing when posts
 * exist.
 *
 * @author dbperf
 * @since 0.1.0
 */
@Component
class BlogSeeder implements ApplicationRunner {

	private final AuthorRepository authors;

	private final PostRepository posts;

	private final CommentRepository comments;

	private final CategoryRepository categories;

	private final TagRepository tags;

	private final int postCount;

	BlogSeeder(AuthorRepository authors, PostRepository posts, CommentRepository comments,
			CategoryRepository categories, TagRepository tags, @Value("${sample.seed.posts:300}") int postCount) {
		this.authors = authors;
		this.posts = posts;
		this.comments = comments;
		this.categories = categories;
		this.tags = tags;
		this.postCount = postCount;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (this.posts.count() > 0) {
			return;
		}
		List<Author> writers = new ArrayList<>();
		for (int i = 1; i <= Math.max(1, this.postCount / 3); i++) {
			writers.add(new Author("Author " + i));
		}
		this.authors.saveAll(writers);
		List<Category> sections = this.categories.saveAll(List.of(new Category("Databases"), new Category("Java"),
				new Category("Spring"), new Category("Performance"), new Category("Operations")));
		List<Tag> labels = new ArrayList<>();
		for (int i = 1; i <= 20; i++) {
			labels.add(new Tag("tag-" + i));
		}
		this.tags.saveAll(labels);
		List<Post> created = new ArrayList<>();
		LocalDate today = LocalDate.now();
		for (int i = 1; i <= this.postCount; i++) {
			created.add(new Post("Post " + i, "Content of post " + i + " about pools and queries".repeat(1 + i % 20),
					today.minusDays(i % 90), writers.get(i % writers.size()), sections.get(i % sections.size()),
					new LinkedHashSet<>(List.of(labels.get(i % labels.size()), labels.get((i * 7) % labels.size())))));
		}
		this.posts.saveAll(created);
		List<Comment> written = new ArrayList<>();
		for (Post post : created) {
			for (int c = 1; c <= 10; c++) {
				written.add(new Comment(post, "Comment " + c));
			}
		}
		this.comments.saveAll(written);
	}

}
