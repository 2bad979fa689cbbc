package io.github.dbperf.jpa.mapping.bad;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/**
 * A line of an Invoice.
 */
@Entity
public class InvoiceLine {

	@Id
	@GeneratedValue
	Long id;

}
