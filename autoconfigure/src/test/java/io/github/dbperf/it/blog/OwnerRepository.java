package io.github.dbperf.it.blog;

import java.util.Collection;
import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/**
 * Owners.
 */
public interface OwnerRepository extends JpaRepository<Owner, Long> {

	List<Owner> findByName(String name);

	@Query("select distinct o from Owner o left join fetch o.visits")
	List<Owner> findAllWithVisits();

	@EntityGraph(attributePaths = "visits")
	List<Owner> findByNameNotNull();

	@Query("select o from Owner o left join fetch o.visits")
	List<Owner> findPageWithVisits(Pageable pageable);

	@Query("select o from Owner o left join fetch o.visits")
	Page<Owner> findOwnersWithVisits(Pageable pageable);

	@EntityGraph(attributePaths = "visits")
	List<Owner> findByNameNotNullOrderById(Limit limit);

	@Query("select o.id from Owner o order by o.id")
	List<Long> findPageOfIds(Pageable pageable);

	@Query("select distinct o from Owner o left join fetch o.visits where o.id in :ids order by o.id")
	List<Owner> findWithVisitsByIdIn(Collection<Long> ids);

	@Query("select p from Pet p")
	List<Pet> findAllPets();

	@Query("select v from Vet v")
	List<Vet> findAllVets();

}
