package io.polyshop.operations.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.polyshop.stores.StoreLocation;
import io.polyshop.stores.StoreLocations;

/**
 * What operators see of each store: where it lives, whether it answers, its version and what it holds. Shared by
 * {@code GET /api/admin/stores} and the operations console, so both tell the same story.
 */
@Component
class StoreDescriptions {

	private final StoreLocations locations;
	private final List<StoreProbe> probes;

	StoreDescriptions(StoreLocations locations, List<StoreProbe> probes) {
		this.locations = locations;
		this.probes = probes.stream().sorted(Comparator.comparing(StoreProbe::store)).toList();
	}

	/** One description per store, in the order of {@link io.polyshop.stores.Store}. */
	List<StoreDescription> describeAll() {
		return probes.stream().map(this::describe).toList();
	}

	private StoreDescription describe(StoreProbe probe) {
		StoreLocation location = locations.of(probe.store());
		try {
			return new StoreDescription(probe.store().id(), location.mode().id(), location.address(), "UP", probe.version(),
					probe.store().holds(), probe.recordCounts());
		}
		catch (RuntimeException e) {
			return new StoreDescription(probe.store().id(), location.mode().id(), location.address(), "DOWN", null,
					probe.store().holds(), Map.of());
		}
	}

	record StoreDescription(String store, String mode, String address, String status, String version, String holds,
			Map<String, Long> records) {
	}
}
