package io.github.dbperf.jpa.mapping.bad;

import java.util.List;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToMany;

/**
 * Fires jpa-many-to-many-list on courses.
 */
@Entity
public class Student {

	@Id
	@GeneratedValue
	Long id;

	@ManyToMany
	List<Course> courses;

}
