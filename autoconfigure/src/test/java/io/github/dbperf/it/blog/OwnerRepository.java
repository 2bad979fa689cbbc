package io.github.dbperf.it.blog;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Owners.
 */
public interface OwnerRepository extends JpaRepository<Owner, Long> {

	List<Owner> findByName(String name);

}
