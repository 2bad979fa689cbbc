package io.github.dbperf.it.blog;

import java.util.HashSet;
import java.util.Set;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToMany;

/**
 * A vet whose specialties are mapped through the join table {@code vet_specialties}.
 */
@Entity
public class Vet {

	@Id
	@GeneratedValue
	Long id;

	String name;

	@ManyToMany
	Set<Specialty> specialties = new HashSet<>();

}
