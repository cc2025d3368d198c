package io.polyshop.operations.internal;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.polyshop.operations.internal.StoreDescriptions.StoreDescription;

/** {@code GET /api/admin/stores}: for each store where it lives, what it is, and what it holds. */
@RestController
class StoresController {

	private final StoreDescriptions descriptions;

	StoresController(StoreDescriptions descriptions) {
		this.descriptions = descriptions;
	}

	@GetMapping("/api/admin/stores")
	StoresView stores() {
		return new StoresView(descriptions.describeAll());
	}

	record StoresView(List<StoreDescription> stores) {
	}
}
