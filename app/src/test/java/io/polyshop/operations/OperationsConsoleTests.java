package io.polyshop.operations;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.polyshop.support.PolyshopHttp;
import io.polyshop.support.PolyshopIntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The operations console's JSON: every store with its version and heartbeat latencies, the outbox backlog, the timeline. */
@PolyshopIntegrationTest
class OperationsConsoleTests {

	private static final List<String> STORES = List.of("postgres", "redis", "mongodb", "neo4j");

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void consoleShowsEveryStoreWithVersionAndLatencyPercentiles() throws InterruptedException {
		JsonNode console = consoleOnceEveryStoreWasTimedTwice();

		assertThat(console.path("stores").valueStream().map(s -> s.path("store").asString()).toList())
				.containsExactlyElementsOf(STORES);
		console.path("stores").forEach(store -> {
			String name = store.path("store").asString();
			assertThat(store.path("mode").asString()).as(name).isEqualTo("embedded");
			assertThat(store.path("status").asString()).as(name).isEqualTo("UP");
			assertThat(store.path("version").asString()).as(name).isNotBlank();
			assertThat(store.path("address").asString()).as(name).contains("127.0.0.1");
			JsonNode latency = store.path("latency");
			assertThat(latency.path("pings").asLong()).as(name).isGreaterThanOrEqualTo(2);
			double p50 = latency.path("p50Ms").asDouble(), p95 = latency.path("p95Ms").asDouble(), p99 = latency.path("p99Ms").asDouble();
			assertThat(p50).as(name + " p50").isPositive();
			assertThat(p95).as(name + " p95").isGreaterThanOrEqualTo(p50);
			assertThat(p99).as(name + " p99").isGreaterThanOrEqualTo(p95);
		});
		// record counts come from the same probes as /api/admin/stores
		assertThat(console.path("stores").get(0).path("records").has("event_publication")).isTrue();
		assertThat(console.path("heartbeatSeconds").asLong()).isEqualTo(5);
	}

	@Test
	void timelineSamplesRequestsAndEachStoresLatency() throws InterruptedException {
		consoleOnceEveryStoreWasTimedTwice();
		var http = PolyshopHttp.client(port);
		for (int i = 0; i < 3; i++) {
			http.get().uri("/actuator/health").retrieve().toBodilessEntity();
		}
		JsonNode samples = waitForSamples(sample -> sample.path("requests").asLong() >= 3);

		JsonNode latest = samples.get(samples.size() - 1);
		assertThat(latest.path("at").asString()).isNotBlank();
		STORES.forEach(store -> assertThat(latest.path("latencyMs").path(store).asDouble()).as(store).isPositive());
		assertThat(samples.size()).isLessThanOrEqualTo(120);
	}

	@Test
	void outboxBacklogListsIncompletePublicationsWithTheirAge() {
		// A publication no listener completed, as Modulith's registry leaves it when a listener keeps failing.
		UUID id = UUID.randomUUID();
		String listener = "io.polyshop.operations.ConsoleTest.neverCompletes(" + id + ")";
		jdbc.update("""
				INSERT INTO event_publication (id, listener_id, event_type, serialized_event, publication_date, status, completion_attempts)
				VALUES (?, ?, 'io.polyshop.customer.CustomerRegistered', '{}', ?, 'FAILED', 3)""",
				id, listener, OffsetDateTime.now().minusMinutes(90));
		try {
			JsonNode outbox = PolyshopHttp.admin(port).get().uri("/api/admin/outbox").retrieve().body(JsonNode.class);

			assertThat(outbox.path("summary").path("incomplete").asLong()).isGreaterThanOrEqualTo(1);
			assertThat(outbox.path("summary").path("oldestAgeSeconds").asLong()).isGreaterThanOrEqualTo(90 * 60);
			JsonNode ours = outbox.path("oldest").valueStream()
					.filter(p -> p.path("id").asString().equals(id.toString())).findFirst().orElseThrow();
			assertThat(ours.path("listenerId").asString()).isEqualTo(listener);
			assertThat(ours.path("eventType").asString()).isEqualTo("io.polyshop.customer.CustomerRegistered");
			assertThat(ours.path("ageSeconds").asLong()).isBetween(90L * 60, 91L * 60);
			assertThat(ours.path("completionAttempts").asInt()).isEqualTo(3);
			assertThat(ours.path("status").asString()).isEqualTo("FAILED");
			assertThat(ours.path("publicationDate").asString()).isNotBlank();

			JsonNode console = PolyshopHttp.admin(port).get().uri("/api/admin/console").retrieve().body(JsonNode.class);
			assertThat(console.path("outbox").path("summary").path("incomplete").asLong()).isGreaterThanOrEqualTo(1);
		}
		finally {
			jdbc.update("DELETE FROM event_publication WHERE id = ?", id);
		}
	}

	@Test
	void completedPublicationsAreNotBacklog() {
		UUID id = UUID.randomUUID();
		jdbc.update("""
				INSERT INTO event_publication (id, listener_id, event_type, serialized_event, publication_date, completion_date, status, completion_attempts)
				VALUES (?, 'io.polyshop.operations.ConsoleTest.done()', 'io.polyshop.customer.CustomerRegistered', '{}', ?, now(), 'COMPLETED', 1)""",
				id, OffsetDateTime.now().minusDays(3));
		try {
			JsonNode outbox = PolyshopHttp.admin(port).get().uri("/api/admin/outbox").retrieve().body(JsonNode.class);
			// counted as backlog, it would be the oldest by days
			assertThat(outbox.path("summary").path("oldestAgeSeconds").asLong()).isLessThan(Duration.ofDays(2).toSeconds());
			assertThat(outbox.path("oldest").valueStream().map(p -> p.path("id").asString())).doesNotContain(id.toString());
		}
		finally {
			jdbc.update("DELETE FROM event_publication WHERE id = ?", id);
		}
	}

	private JsonNode consoleOnceEveryStoreWasTimedTwice() throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		JsonNode console;
		do {
			console = PolyshopHttp.admin(port).get().uri("/api/admin/console").retrieve().body(JsonNode.class);
			if (console.path("stores").valueStream().allMatch(s -> s.path("latency").path("pings").asLong() >= 2)) {
				return console;
			}
			Thread.sleep(500);
		}
		while (System.nanoTime() < deadline);
		throw new AssertionError("The heartbeat did not time every store twice within 30 s: " + console);
	}

	private JsonNode waitForSamples(java.util.function.Predicate<JsonNode> anySample) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		JsonNode samples;
		do {
			samples = PolyshopHttp.admin(port).get().uri("/api/admin/console").retrieve().body(JsonNode.class)
					.path("timeline").path("samples");
			if (samples.valueStream().anyMatch(anySample)) {
				return samples;
			}
			Thread.sleep(500);
		}
		while (System.nanoTime() < deadline);
		throw new AssertionError("No timeline sample matched within 30 s: " + samples);
	}
}
