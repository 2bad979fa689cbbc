package io.github.dbperf.jpa.mapping.fixed;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/**
 * jpa-enum-ordinal fixed: stored by name.
 */
@Entity
public class Ticket {

	@Id
	@GeneratedValue
	Long id;

	@Enumerated(EnumType.STRING)
	Status status;

	enum Status {

		OPEN, CLOSED

	}

}
