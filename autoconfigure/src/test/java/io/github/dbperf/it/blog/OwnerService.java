package io.github.dbperf.it.blog;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lists owners with their children, the N+1 way and the fixed ways.
 */
@Service
public class OwnerService {

	private final OwnerRepository owners;

	public OwnerService(OwnerRepository owners) {
		this.owners = owners;
	}

	@Transactional(readOnly = true)
	public int visitsNaive() {
		int visits = 0;
		for (Owner owner : this.owners.findAll()) {
			visits += owner.visits.size();
		}
		return visits;
	}

	@Transactional(readOnly = true)
	public int visitsJoinFetch() {
		int visits = 0;
		for (Owner owner : this.owners.findAllWithVisits()) {
			visits += owner.visits.size();
		}
		return visits;
	}

	@Transactional(readOnly = true)
	public int visitsEntityGraph() {
		int visits = 0;
		for (Owner owner : this.owners.findByNameNotNull()) {
			visits += owner.visits.size();
		}
		return visits;
	}

	@Transactional(readOnly = true)
	public int notesBatched() {
		int notes = 0;
		for (Owner owner : this.owners.findAll()) {
			notes += owner.notes.size();
		}
		return notes;
	}

	@Transactional(readOnly = true)
	public int petsEager() {
		return this.owners.findAll().stream().mapToInt((owner) -> owner.pets.size()).sum();
	}

	@Transactional(readOnly = true)
	public List<String> petOwnersNaive() {
		return this.owners.findAllPets().stream().map((pet) -> pet.owner.getName()).toList();
	}

	@Transactional(readOnly = true)
	public int specialtiesNaive() {
		int specialties = 0;
		for (Vet vet : this.owners.findAllVets()) {
			specialties += vet.specialties.size();
		}
		return specialties;
	}

	@Transactional(readOnly = true)
	public int pagesOfOwners() {
		int seen = 0;
		for (int page = 0; page < 4; page++) {
			seen += this.owners.findAll(org.springframework.data.domain.PageRequest.of(page, 2)).getNumberOfElements();
		}
		return seen;
	}

	@Transactional(readOnly = true)
	public int sameOwnerAgain(long id) {
		int found = 0;
		for (int i = 0; i < 4; i++) {
			found += this.owners.findByName("owner-" + id).size();
		}
		return found;
	}

	@Transactional
	public void register(String name) {
		Owner owner = new Owner();
		owner.name = name;
		// The id comes from a sequence: the insert waits for the flush at commit
		this.owners.save(owner);
	}

}
