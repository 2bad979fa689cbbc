package io.github.dbperf.jpa.mapping.bad;

import jakarta.persistence.Entity;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/**
 * Fires jpa-enum-ordinal on status and previous.
 */
@Entity
public class Ticket {

	@Id
	@GeneratedValue
	Long id;

	Status status;

	@Enumerated
	Status previous;

	enum Status {

		OPEN, CLOSED

	}

}
