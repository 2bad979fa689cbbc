package io.github.dbperf.jpa.mapping.fixed;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/**
 * jpa-eager-to-one fixed: library is LAZY.
 */
@Entity
public class Book {

	@Id
	@GeneratedValue
	Long id;

	@ManyToOne(fetch = FetchType.LAZY)
	Library library;

}
