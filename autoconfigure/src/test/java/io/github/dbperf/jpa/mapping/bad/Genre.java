package io.github.dbperf.jpa.mapping.bad;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/**
 * The other side of Writer.genres.
 */
@Entity
public class Genre {

	@Id
	@GeneratedValue
	Long id;

}
