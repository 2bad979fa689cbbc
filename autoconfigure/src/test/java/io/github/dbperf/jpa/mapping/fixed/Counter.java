package io.github.dbperf.jpa.mapping.fixed;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/**
 * jpa-identity-disables-batching fixed: a pooled sequence.
 */
@Entity
public class Counter {

	@Id
	@GeneratedValue(strategy = GenerationType.SEQUENCE)
	Long id;

}
