package io.polyshop;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.polyshop.support.PolyshopHttp;
import io.polyshop.support.PolyshopIntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** With no store URL configured, Polyshop runs on four embedded engines and reports them healthy. */
@PolyshopIntegrationTest
class EmbeddedStoresTests {

	@LocalServerPort
	int port;

	@Test
	void healthIsUpForEachEmbeddedStore() {
		JsonNode health = PolyshopHttp.admin(port).get().uri("/actuator/health").retrieve().body(JsonNode.class);

		assertThat(health.path("status").asString()).isEqualTo("UP");
		for (String store : List.of("postgres", "redis", "mongodb", "neo4j")) {
			JsonNode component = health.path("components").path(store);
			assertThat(component.path("status").asString()).as(store).isEqualTo("UP");
			assertThat(component.path("details").path("mode").asString()).as(store).isEqualTo("embedded");
			assertThat(component.path("details").path("version").asString()).as(store).isNotBlank();
		}
		// Boot's own indicators are replaced, not doubled
		assertThat(health.path("components").has("db")).isFalse();
		assertThat(health.path("components").has("mongo")).isFalse();
	}

	@Test
	void anonymousHealthShowsTheStatusButNoDetails() {
		var response = PolyshopHttp.client(port).get().uri("/actuator/health").retrieve().toEntity(JsonNode.class);

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getBody().path("status").asString()).isEqualTo("UP");
		assertThat(response.getBody().has("components")).isFalse();
		assertThat(response.getBody().toString()).doesNotContain("127.0.0.1", "embedded");
	}

	@Test
	void adminStoresNeedsTheAdmin() {
		assertThat(PolyshopHttp.client(port).get().uri("/api/admin/stores").retrieve().toEntity(String.class)
				.getStatusCode().value()).isEqualTo(401);
	}

	@Test
	void adminStoresDescribesEveryStore() {
		JsonNode stores = PolyshopHttp.admin(port).get().uri("/api/admin/stores").retrieve().body(JsonNode.class);

		assertThat(stores.path("stores").valueStream().map(s -> s.path("store").asString()).toList())
				.containsExactly("postgres", "redis", "mongodb", "neo4j");
		stores.path("stores").forEach(store -> {
			assertThat(store.path("mode").asString()).isEqualTo("embedded");
			assertThat(store.path("address").asString()).startsWith(Map.of(
					"postgres", "jdbc:postgresql://127.0.0.1:", "redis", "redis://127.0.0.1:",
					"mongodb", "mongodb://127.0.0.1:", "neo4j", "bolt://127.0.0.1:").get(store.path("store").asString()));
			assertThat(store.path("status").asString()).isEqualTo("UP");
			assertThat(store.path("holds").asString()).isNotBlank();
		});
		// the outbox table is created by Flyway and counted
		assertThat(stores.path("stores").get(0).path("records").has("event_publication")).isTrue();
	}

	@Test
	void openApiAndSwaggerUiAreServed() {
		var http = PolyshopHttp.client(port);
		assertThat(http.get().uri("/v3/api-docs").retrieve().toEntity(String.class).getBody()).contains("\"openapi\"");
		assertThat(http.get().uri("/swagger-ui/index.html").retrieve().toEntity(String.class).getStatusCode().value()).isEqualTo(200);
	}
}
