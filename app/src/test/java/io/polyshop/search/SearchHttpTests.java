package io.polyshop.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import io.polyshop.support.PolyshopHttp;
import io.polyshop.support.PolyshopIntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Search over HTTP: products reach the index through the feed, and price and stock changes follow within seconds. */
@PolyshopIntegrationTest
class SearchHttpTests {

	private static final Duration FEED_DEADLINE = Duration.ofSeconds(15);

	@LocalServerPort
	int port;

	@Test
	void aNewProductIsFoundByItsWordsWithTyposFacetsAndLivePrice() {
		String tag = "Zq" + Long.toString(System.nanoTime(), 36);
		String sku = create(tag, "Quokka " + tag + " lantern", "Solar powered quokka lantern.", Map.of("colour", "teal"), "23.50", 4);

		JsonNode found = await("/api/search?q=" + tag + " lantren", result -> skus(result).contains(sku));
		assertThat(found.path("items").get(0).path("price").path("amount").asString()).isEqualTo("23.50");
		assertThat(found.path("items").get(0).path("available").asInt()).isEqualTo(4);
		assertThat(facet(found, "category")).containsEntry("search-" + tag.toLowerCase(), 1L);
		assertThat(facet(found, "attr.colour")).containsEntry("teal", 1L);
		assertThat(facet(found, "price")).containsEntry("10-25", 1L);

		JsonNode suggestions = get("/api/search/suggestions?q=quokka " + tag.substring(0, 4)).getBody();
		assertThat(suggestions.path("suggestions").valueStream().map(JsonNode::asString)).contains("Quokka " + tag + " lantern");
	}

	@Test
	void stockAndPriceChangesReachTheIndexWithinSeconds() {
		String tag = "Zs" + Long.toString(System.nanoTime(), 36);
		String sku = create(tag, "Stocked " + tag, "", Map.of(), "40.00", 1);
		await("/api/search?q=" + tag + "&inStock=true", result -> skus(result).contains(sku));

		assertThat(PolyshopHttp.admin(port).put().uri("/api/admin/products/{sku}/stock", sku).contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("onHand", 0)).retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(200);
		await("/api/search?q=" + tag + "&inStock=true", result -> skus(result).isEmpty());

		assertThat(PolyshopHttp.admin(port).put().uri("/api/admin/products/{sku}/price", sku).contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("amount", "4.00", "currency", "EUR")).retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(200);
		await("/api/search?q=" + tag + "&maxPrice=5", result -> skus(result).contains(sku));
	}

	@Test
	void pagesThroughEveryMatchWithTheCursor() {
		String tag = "Zp" + Long.toString(System.nanoTime(), 36);
		List<String> created = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			created.add(create(tag, "Paged " + tag + " item " + i, "", Map.of(), (10 + i) + ".00", 1));
		}
		await("/api/search?q=" + tag, result -> result.path("total").asLong() == 7);
		List<String> walked = new ArrayList<>();
		String cursor = null;
		do {
			JsonNode page = get("/api/search?q=" + tag + "&sort=-price&size=3" + (cursor == null ? "" : "&cursor=" + cursor)).getBody();
			walked.addAll(skus(page));
			cursor = page.path("nextCursor").isNull() || page.path("nextCursor").isMissingNode() ? null : page.path("nextCursor").asString();
		}
		while (cursor != null);
		List<String> mostExpensiveFirst = new ArrayList<>(created);
		java.util.Collections.reverse(mostExpensiveFirst);
		assertThat(walked).containsExactlyElementsOf(mostExpensiveFirst);
	}

	@Test
	void badSearchesAre400ProblemsNeverScans() {
		for (String bad : List.of("/api/search?q=\"unbalanced", "/api/search?q=" + "a".repeat(201), "/api/search?page=500",
				"/api/search?sort=cheapest", "/api/search?minPrice=-1", "/api/search?minPrice=9&maxPrice=1",
				"/api/search?size=1000", "/api/search?cursor=bm90LW91cnM", "/api/search?inStock=maybe", "/api/search?colour=red")) {
			ResponseEntity<JsonNode> response = get(bad);
			assertThat(response.getStatusCode().value()).as(bad).isEqualTo(400);
			assertThat(response.getHeaders().getContentType()).as(bad).hasToString("application/problem+json");
			assertThat(response.getBody().path("detail").asString()).as(bad).isNotBlank();
		}
	}

	@Test
	void adminsRebuildTheIndexAndSeeItsState() {
		String tag = "Zr" + Long.toString(System.nanoTime(), 36);
		String sku = create(tag, "Rebuilt " + tag, "", Map.of(), "5.00", 1);
		await("/api/search?q=" + tag, result -> skus(result).contains(sku));

		ResponseEntity<JsonNode> started = PolyshopHttp.admin(port).post().uri("/api/admin/search/index/rebuild").retrieve().toEntity(JsonNode.class);
		assertThat(started.getStatusCode().value()).isEqualTo(202);
		assertThat(started.getHeaders().getLocation()).hasToString("/api/admin/search/index");
		long deadline = System.nanoTime() + FEED_DEADLINE.toNanos();
		JsonNode status;
		do {
			status = PolyshopHttp.admin(port).get().uri("/api/admin/search/index").retrieve().body(JsonNode.class);
		}
		while (status.path("rebuilding").asBoolean() && System.nanoTime() < deadline);
		assertThat(status.path("rebuilding").asBoolean()).isFalse();
		assertThat(status.path("documents").asLong()).isEqualTo(status.path("rebuildProgress").asLong()).isPositive();
		assertThat(status.path("sizeBytes").asLong()).isPositive();
		assertThat(status.path("lagSeconds").asDouble()).isBetween(0.0, 10.0);
		assertThat(skus(get("/api/search?q=" + tag).getBody())).containsExactly(sku);
		assertThat(PolyshopHttp.client(port).get().uri("/api/admin/search/index").retrieve().toBodilessEntity().getStatusCode().value())
				.isEqualTo(401);
	}

	private String create(String tag, String title, String description, Map<String, String> attributes, String price, int stock) {
		String sku = ("S" + tag + "-" + System.nanoTime()).toUpperCase();
		ResponseEntity<String> created = PolyshopHttp.admin(port).post().uri("/api/admin/products").contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("sku", sku, "title", title, "description", description, "category", "search-" + tag.toLowerCase(),
						"attributes", attributes, "price", Map.of("amount", price, "currency", "EUR"), "stock", stock))
				.retrieve().toEntity(String.class);
		assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
		return sku;
	}

	private JsonNode await(String uri, Predicate<JsonNode> condition) {
		long deadline = System.nanoTime() + FEED_DEADLINE.toNanos();
		JsonNode result;
		do {
			ResponseEntity<JsonNode> response = get(uri);
			result = response.getBody();
			if (response.getStatusCode().value() == 200 && condition.test(result)) {
				return result;
			}
			sleep();
		}
		while (System.nanoTime() < deadline);
		throw new AssertionError("Not within " + FEED_DEADLINE + ": " + uri + " answered " + result);
	}

	private ResponseEntity<JsonNode> get(String uri) {
		return PolyshopHttp.client(port).get().uri(uri).retrieve().toEntity(JsonNode.class);
	}

	private static List<String> skus(JsonNode result) {
		return result.path("items").valueStream().map(item -> item.path("sku").asString()).toList();
	}

	private static Map<String, Long> facet(JsonNode result, String name) {
		JsonNode facet = result.path("facets").valueStream().filter(f -> f.path("name").asString().equals(name)).findFirst().orElseThrow();
		Map<String, Long> counts = new java.util.LinkedHashMap<>();
		facet.path("values").forEach(value -> counts.put(value.path("value").asString(), value.path("count").asLong()));
		return counts;
	}

	private static void sleep() {
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
