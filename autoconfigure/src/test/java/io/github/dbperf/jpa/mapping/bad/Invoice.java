package io.github.dbperf.jpa.mapping.bad;

import java.util.Set;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;

/**
 * Fires jpa-unidirectional-one-to-many on lines.
 */
@Entity
public class Invoice {

	@Id
	@GeneratedValue
	Long id;

	@OneToMany
	Set<InvoiceLine> lines;

}
