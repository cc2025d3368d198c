package io.polyshop.operations.internal;

import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.polyshop.stores.StoreLocations;

/** Health components named after the stores: {@code postgres}, {@code redis}, {@code mongodb}, {@code neo4j}. */
@Configuration(proxyBeanMethods = false)
class StoreHealthConfiguration {

	@Bean
	HealthIndicator postgresHealthIndicator(PostgresProbe probe, StoreLocations locations) {
		return new StoreHealthIndicator(probe, locations.of(probe.store()));
	}

	@Bean
	HealthIndicator redisHealthIndicator(RedisProbe probe, StoreLocations locations) {
		return new StoreHealthIndicator(probe, locations.of(probe.store()));
	}

	@Bean
	HealthIndicator mongodbHealthIndicator(MongoProbe probe, StoreLocations locations) {
		return new StoreHealthIndicator(probe, locations.of(probe.store()));
	}

	@Bean
	HealthIndicator neo4jHealthIndicator(Neo4jProbe probe, StoreLocations locations) {
		return new StoreHealthIndicator(probe, locations.of(probe.store()));
	}
}
