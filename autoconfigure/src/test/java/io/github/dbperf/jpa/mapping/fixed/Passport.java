package io.github.dbperf.jpa.mapping.fixed;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.MapsId;
import jakarta.persistence.OneToOne;

/**
 * The only side of the one-to-one, sharing Person's id.
 */
@Entity
public class Passport {

	@Id
	Long id;

	@OneToOne(fetch = FetchType.LAZY)
	@MapsId
	Person person;

}
