package io.github.dbperf.it.blog;

import java.util.List;

import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Owners with their visit counts over HTTP, the N+1 way and fixed.
 */
@RestController
public class OwnerController {

	private final OwnerRepository owners;

	public OwnerController(OwnerRepository owners) {
		this.owners = owners;
	}

	@GetMapping("/clinics/{clinic}/owners")
	@Transactional(readOnly = true)
	public List<String> naive(@PathVariable String clinic) {
		return this.owners.findAll().stream().map((owner) -> owner.name + ":" + owner.visits.size()).sorted().toList();
	}

	@GetMapping("/clinics/{clinic}/owners/fixed")
	@Transactional(readOnly = true)
	public List<String> fixed(@PathVariable String clinic) {
		return this.owners.findAllWithVisits()
			.stream()
			.map((owner) -> owner.name + ":" + owner.visits.size())
			.sorted()
			.toList();
	}

}
