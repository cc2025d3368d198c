package io.polyshop.stores;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Where each of the four stores lives in this running instance. */
public final class StoreLocations {

	private final Map<Store, StoreLocation> locations;

	public StoreLocations(List<StoreLocation> locations) {
		this.locations = locations.stream().collect(Collectors.toUnmodifiableMap(StoreLocation::store, Function.identity()));
		for (Store store : Store.values()) {
			if (!this.locations.containsKey(store)) {
				throw new IllegalArgumentException("No location for store " + store.id());
			}
		}
	}

	public StoreLocation of(Store store) {
		return locations.get(store);
	}

	public List<StoreLocation> all() {
		return java.util.Arrays.stream(Store.values()).map(locations::get).toList();
	}
}
