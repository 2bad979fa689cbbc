package io.github.dbperf.jpa.mapping.bad;

import java.util.Set;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToMany;

/**
 * Fires jpa-cascade-remove-many-to-many on genres.
 */
@Entity
public class Writer {

	@Id
	@GeneratedValue
	Long id;

	@ManyToMany(cascade = CascadeType.ALL)
	Set<Genre> genres;

}
