package io.github.dbperf.jpa.mapping.fixed;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/**
 * A line of an Invoice, owning the association.
 */
@Entity
public class InvoiceLine {

	@Id
	@GeneratedValue
	Long id;

	@ManyToOne(fetch = FetchType.LAZY)
	Invoice invoice;

}
