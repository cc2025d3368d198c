package io.polyshop.operations.internal;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import io.polyshop.stores.StoreLocation;

/** UP when the store answers its driver, with where it lives; DOWN with a short reason, never a stack trace. */
class StoreHealthIndicator implements HealthIndicator {

	private final StoreProbe probe;
	private final StoreLocation location;

	StoreHealthIndicator(StoreProbe probe, StoreLocation location) {
		this.probe = probe;
		this.location = location;
	}

	@Override
	public Health health() {
		Health.Builder health = new Health.Builder()
				.withDetail("mode", location.mode().id())
				.withDetail("address", location.address());
		try {
			return health.up().withDetail("version", probe.version()).build();
		}
		catch (RuntimeException e) {
			return health.down().withDetail("error", location.store().id() + " is not reachable (" + e.getClass().getSimpleName() + ")").build();
		}
	}
}
