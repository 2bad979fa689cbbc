package io.github.dbperf.test.model;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/**
 * An item of a {@link Shop}.
 */
@Entity
public class Item {

	@Id
	Long id;

	String name;

	@ManyToOne(fetch = FetchType.LAZY)
	Shop shop;

}
