package io.github.dbperf.jpa.mapping.fixed;

import java.util.List;

import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.OrderColumn;

/**
 * jpa-element-collection-list fixed: an ordered list.
 */
@Entity
public class Recipe {

	@Id
	@GeneratedValue
	Long id;

	@ElementCollection
	@OrderColumn
	List<String> steps;

}
