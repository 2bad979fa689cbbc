package io.github.dbperf.it.blog;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import org.hibernate.annotations.BatchSize;

/**
 * An owner whose pets are mapped EAGER, for the advisor tests.
 */
@Entity
public class Owner {

	@Id
	@GeneratedValue
	Long id;

	String name;

	@OneToMany(mappedBy = "owner", fetch = FetchType.EAGER)
	List<Pet> pets = new ArrayList<>();

	@OneToMany(mappedBy = "owner")
	List<Visit> visits = new ArrayList<>();

	@OneToMany(mappedBy = "owner")
	@BatchSize(size = 16)
	List<Note> notes = new ArrayList<>();

	public String getName() {
		return this.name;
	}

	public List<Visit> getVisits() {
		return this.visits;
	}

}
