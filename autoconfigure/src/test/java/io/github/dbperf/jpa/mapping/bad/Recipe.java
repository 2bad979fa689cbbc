package io.github.dbperf.jpa.mapping.bad;

import java.util.List;

import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/**
 * Fires jpa-element-collection-list on steps.
 */
@Entity
public class Recipe {

	@Id
	@GeneratedValue
	Long id;

	@ElementCollection
	List<String> steps;

}
