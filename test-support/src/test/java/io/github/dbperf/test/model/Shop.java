package io.github.dbperf.test.model;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;

/**
 * A shop with lazily loaded items.
 */
@Entity
public class Shop {

	@Id
	Long id;

	String name;

	@OneToMany(mappedBy = "shop")
	List<Item> items = new ArrayList<>();

	public String getName() {
		return this.name;
	}

	public List<Item> getItems() {
		return this.items;
	}

}
