package io.github.dbperf.jpa.mapping.bad;

import java.util.Set;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;

/**
 * Fires jpa-eager-to-many on books.
 */
@Entity
public class Library {

	@Id
	@GeneratedValue
	Long id;

	@OneToMany(mappedBy = "library", fetch = FetchType.EAGER)
	Set<Book> books;

}
