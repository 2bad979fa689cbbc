package io.github.dbperf.jpa.mapping.fixed;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/**
 * jpa-one-to-one-parent-side fixed: the passport shares the person's id.
 */
@Entity
public class Person {

	@Id
	@GeneratedValue
	Long id;

}
