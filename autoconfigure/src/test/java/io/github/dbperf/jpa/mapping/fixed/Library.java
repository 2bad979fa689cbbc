package io.github.dbperf.jpa.mapping.fixed;

import java.util.Set;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;

/**
 * jpa-eager-to-many fixed: books is LAZY.
 */
@Entity
public class Library {

	@Id
	@GeneratedValue
	Long id;

	@OneToMany(mappedBy = "library")
	Set<Book> books;

}
