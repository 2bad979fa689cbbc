package io.github.dbperf.sample;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import org.jspecify.annotations.Nullable;

/**
 * A tag on posts.
 *
 * @author dbperf
 * @since 0.1.0
 */
@Entity
public class Tag {

	@Id
	@GeneratedValue
	private @Nullable Long id;

	private String name = "";

	protected Tag() {
	}

	public Tag(String name) {
		this.name = name;
	}

	public @Nullable Long getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

}
