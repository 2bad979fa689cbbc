package io.github.dbperf.test.model;

import java.util.List;

import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shops with their item counts, the N+1 way and fixed.
 */
@RestController
public class ShopController {

	private final ShopRepository shops;

	public ShopController(ShopRepository shops) {
		this.shops = shops;
	}

	@GetMapping("/shops")
	@Transactional(readOnly = true)
	public List<String> naive() {
		return this.shops.findAll()
			.stream()
			.map((shop) -> shop.getName() + ":" + shop.getItems().size())
			.sorted()
			.toList();
	}

	@GetMapping("/shops/fixed")
	@Transactional(readOnly = true)
	public List<String> fixed() {
		return this.shops.findAllWithItems()
			.stream()
			.map((shop) -> shop.getName() + ":" + shop.getItems().size())
			.toList();
	}

	@GetMapping("/shops/search")
	@Transactional(readOnly = true)
	public int search(@RequestParam String name) {
		return this.shops.findByName(name).size();
	}

}
