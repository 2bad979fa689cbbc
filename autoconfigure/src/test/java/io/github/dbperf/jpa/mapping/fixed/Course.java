package io.github.dbperf.jpa.mapping.fixed;

import java.util.List;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToMany;

/**
 * The other side of Student.courses, a List on the inverse side (never writes links).
 */
@Entity
public class Course {

	@Id
	@GeneratedValue
	Long id;

	@ManyToMany(mappedBy = "courses")
	List<Student> students;

}
