package io.github.dbperf.sample;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import org.jspecify.annotations.Nullable;

/**
 * A category of posts.
 *
 * @author dbperf
 * @since 0.1.0
 */
@Entity
public class Category {

	@Id
	@GeneratedValue
	private @Nullable Long id;

	private String name = "";

	protected Category() {
	}

	public Category(String name) {
		this.name = name;
	}

	public @Nullable Long getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

}
