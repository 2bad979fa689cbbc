package io.github.dbperf.sample;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import org.jspecify.annotations.Nullable;

/**
 * A comment on a post.
 *
 * @author dbperf
 * @since 0.1.0
 */
@Entity
public class Comment {

	@Id
	@GeneratedValue
	private @Nullable Long id;

	private String text = "";

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	private @Nullable Post post;

	protected Comment() {
	}

	public Comment(Post post, String text) {
		this.post = post;
		this.text = text;
	}

	public @Nullable Long getId() {
		return this.id;
	}

	public String getText() {
		return this.text;
	}

}
