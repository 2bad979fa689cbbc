package io.github.dbperf.it.blog;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/**
 * A note on an {@link Owner}, whose collection is batch-fetched.
 */
@Entity
public class Note {

	@Id
	@GeneratedValue
	Long id;

	String text;

	@ManyToOne(fetch = FetchType.LAZY)
	Owner owner;

}
