package io.github.dbperf.jpa.mapping.bad;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/**
 * Fires jpa-identity-disables-batching on id.
 */
@Entity
public class Counter {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	Long id;

}
