package io.github.dbperf.sample;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import org.jspecify.annotations.Nullable;

/**
 * A blog post, written by one author, with comments.
 *
 * @author dbperf
 * @since 0.1.0
 */
@Entity
public class Post {

	@Id
	@GeneratedValue
	private @Nullable Long id;

	private String title = "";

	@Column(length = 4000)
	private String content = "";

	private LocalDate publishedOn = LocalDate.now();

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	private @Nullable Author author;

	@OneToMany(mappedBy = "post")
	private List<Comment> comments = new ArrayList<>();

	@ManyToOne(fetch = FetchType.LAZY)
	private @Nullable Category category;

	@ManyToMany
	private Set<Tag> tags = new LinkedHashSet<>();

	protected Post() {
	}

	public Post(String title, String content, LocalDate publishedOn, Author author, Category category, Set<Tag> tags) {
		this.title = title;
		this.content = content;
		this.publishedOn = publishedOn;
		this.author = author;
		this.category = category;
		this.tags = tags;
	}

	public @Nullable Long getId() {
		return this.id;
	}

	public String getTitle() {
		return this.title;
	}

	public String getContent() {
		return this.content;
	}

	public LocalDate getPublishedOn() {
		return this.publishedOn;
	}

	public @Nullable Author getAuthor() {
		return this.author;
	}

	public @Nullable Category getCategory() {
		return this.category;
	}

	public Set<Tag> getTags() {
		return this.tags;
	}

	public List<Comment> getComments() {
		return this.comments;
	}

}
