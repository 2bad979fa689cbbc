package io.github.dbperf.jpa.mapping.fixed;

import java.util.Set;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;

/**
 * jpa-unidirectional-one-to-many fixed: mapped by the line.
 */
@Entity
public class Invoice {

	@Id
	@GeneratedValue
	Long id;

	@OneToMany(mappedBy = "invoice")
	Set<InvoiceLine> lines;

}
