package io.github.dbperf.jpa.mapping.bad;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.OneToOne;

/**
 * The owning side of Person.passport.
 */
@Entity
public class Passport {

	@Id
	@GeneratedValue
	Long id;

	@OneToOne(fetch = FetchType.LAZY)
	Person person;

}
