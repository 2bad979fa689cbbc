package io.github.dbperf.jpa.mapping.fixed;

import java.util.Set;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToMany;

/**
 * jpa-cascade-remove-many-to-many fixed: cascades PERSIST only.
 */
@Entity
public class Writer {

	@Id
	@GeneratedValue
	Long id;

	@ManyToMany(cascade = CascadeType.PERSIST)
	Set<Genre> genres;

}
