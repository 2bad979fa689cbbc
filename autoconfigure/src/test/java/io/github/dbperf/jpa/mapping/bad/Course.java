package io.github.dbperf.jpa.mapping.bad;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/**
 * The other side of Student.courses.
 */
@Entity
public class Course {

	@Id
	@GeneratedValue
	Long id;

}
