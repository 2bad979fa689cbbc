package io.github.dbperf.it.blog;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/**
 * A specialty that {@link Vet vets} share.
 */
@Entity
public class Specialty {

	@Id
	@GeneratedValue
	Long id;

	String name;

}
