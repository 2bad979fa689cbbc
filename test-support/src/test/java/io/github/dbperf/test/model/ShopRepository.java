package io.github.dbperf.test.model;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/**
 * Shops.
 */
public interface ShopRepository extends JpaRepository<Shop, Long> {

	@Query("select distinct s from Shop s left join fetch s.items order by s.id")
	List<Shop> findAllWithItems();

	List<Shop> findByName(String name);

}
