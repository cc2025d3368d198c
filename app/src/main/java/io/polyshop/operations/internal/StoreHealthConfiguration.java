package io.polyshop.operations.internal;

import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.polyshop.stores.Store;
import io.polyshop.stores.StoreLocations;

/** Health components named after the stores: {@code postgres}, {@code redis}, {@code mongodb}, {@code neo4j}. */
@Configuration(proxyBeanMethods = false)
class StoreHealthConfiguration {

	@Bean
	HealthIndicator postgresHealthIndicator(StoreStatuses statuses, StoreLocations locations) {
		return new StoreHealthIndicator(statuses, locations.of(Store.POSTGRES));
	}

	@Bean
	HealthIndicator redisHealthIndicator(StoreStatuses statuses, StoreLocations locations) {
		return new StoreHealthIndicator(statuses, locations.of(Store.REDIS));
	}

	@Bean
	HealthIndicator mongodbHealthIndicator(StoreStatuses statuses, StoreLocations locations) {
		return new StoreHealthIndicator(statuses, locations.of(Store.MONGODB));
	}

	@Bean
	HealthIndicator neo4jHealthIndicator(StoreStatuses statuses, StoreLocations locations) {
		return new StoreHealthIndicator(statuses, locations.of(Store.NEO4J));
	}
}
