package io.github.dbperf.jpa.mapping.bad;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/**
 * Fires jpa-eager-to-one on library.
 */
@Entity
public class Book {

	@Id
	@GeneratedValue
	Long id;

	@ManyToOne
	Library library;

}
