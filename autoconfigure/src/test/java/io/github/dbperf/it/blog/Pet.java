package io.github.dbperf.it.blog;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/**
 * A pet of an {@link Owner}.
 */
@Entity
public class Pet {

	@Id
	@GeneratedValue
	Long id;

	String name;

	@ManyToOne(fetch = FetchType.LAZY)
	Owner owner;

}
