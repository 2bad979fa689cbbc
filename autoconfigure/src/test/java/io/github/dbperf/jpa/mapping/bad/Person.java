package io.github.dbperf.jpa.mapping.bad;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.OneToOne;

/**
 * Fires jpa-one-to-one-parent-side on passport.
 */
@Entity
public class Person {

	@Id
	@GeneratedValue
	Long id;

	@OneToOne(mappedBy = "person", fetch = FetchType.LAZY)
	Passport passport;

}
