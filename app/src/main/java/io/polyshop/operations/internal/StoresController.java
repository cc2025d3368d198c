package io.polyshop.operations.internal;

import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.polyshop.stores.StoreLocation;
import io.polyshop.stores.StoreLocations;

/** {@code GET /api/admin/stores}: for each store where it lives, what it is, and what it holds. */
@RestController
class StoresController {

	private final StoreLocations locations;
	private final List<StoreProbe> probes;

	StoresController(StoreLocations locations, List<StoreProbe> probes) {
		this.locations = locations;
		this.probes = probes;
	}

	@GetMapping("/api/admin/stores")
	StoresView stores() {
		return new StoresView(probes.stream().sorted(java.util.Comparator.comparing(StoreProbe::store)).map(this::describe).toList());
	}

	private StoreView describe(StoreProbe probe) {
		StoreLocation location = locations.of(probe.store());
		try {
			return new StoreView(probe.store().id(), location.mode().id(), location.address(), "UP", probe.version(),
					probe.store().holds(), probe.recordCounts());
		}
		catch (RuntimeException e) {
			return new StoreView(probe.store().id(), location.mode().id(), location.address(), "DOWN", null,
					probe.store().holds(), Map.of());
		}
	}

	record StoresView(List<StoreView> stores) {
	}

	record StoreView(String store, String mode, String address, String status, String version, String holds,
			Map<String, Long> records) {
	}
}
