package io.polyshop.operations.internal;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import io.polyshop.operations.internal.StoreStatuses.StoreStatus;
import io.polyshop.stores.StoreLocation;

/** UP when the store answers its driver, with where it lives; DOWN with a short reason, within a second. */
class StoreHealthIndicator implements HealthIndicator {

	private final StoreStatuses statuses;
	private final StoreLocation location;

	StoreHealthIndicator(StoreStatuses statuses, StoreLocation location) {
		this.statuses = statuses;
		this.location = location;
	}

	@Override
	public Health health() {
		Health.Builder health = new Health.Builder()
				.withDetail("mode", location.mode().id())
				.withDetail("address", location.address());
		StoreStatus status = statuses.status(location.store());
		if (status.up()) {
			return health.up().withDetail("version", status.version()).build();
		}
		return health.down().withDetail("error", location.store().id() + " " + status.problem()).build();
	}
}
