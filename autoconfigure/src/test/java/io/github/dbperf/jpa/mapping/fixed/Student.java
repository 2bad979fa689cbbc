package io.github.dbperf.jpa.mapping.fixed;

import java.util.Set;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToMany;

/**
 * jpa-many-to-many-list fixed: courses is a Set.
 */
@Entity
public class Student {

	@Id
	@GeneratedValue
	Long id;

	@ManyToMany
	Set<Course> courses;

}
