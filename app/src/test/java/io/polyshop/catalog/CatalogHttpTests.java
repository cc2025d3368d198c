package io.polyshop.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import io.polyshop.inventory.Inventory;
import io.polyshop.support.PolyshopHttp;
import io.polyshop.support.PolyshopIntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalog and inventory HTTP API, against the real PostgreSQL and document store. */
@PolyshopIntegrationTest
class CatalogHttpTests {

	@LocalServerPort
	int port;

	@Autowired
	Inventory inventory;

	@Autowired
	Catalog catalog;

	@Autowired
	MongoTemplate mongo;

	@Test
	void aCreatedProductIsComposedFromBothStores() {
		String sku = sku("BOOK");
		ResponseEntity<JsonNode> created = create(product(sku, "The Left Hand of Darkness", "test-books",
				Map.of("author", "Ursula K. Le Guin", "pages", "304"), "14.90", 7));

		assertThat(created.getStatusCode().value()).isEqualTo(201);
		assertThat(created.getHeaders().getLocation()).hasToString("/api/products/" + sku);

		JsonNode product = get("/api/products/" + sku).getBody();
		assertThat(product.path("sku").asString()).isEqualTo(sku);
		assertThat(product.path("title").asString()).isEqualTo("The Left Hand of Darkness");
		assertThat(product.path("category").asString()).isEqualTo("test-books");
		assertThat(product.path("attributes").path("author").asString()).isEqualTo("Ursula K. Le Guin");
		assertThat(product.path("price").path("amount").asString()).isEqualTo("14.90");
		assertThat(product.path("price").path("currency").asString()).isEqualTo("EUR");
		assertThat(product.path("price").propertyNames()).containsExactlyInAnyOrder("amount", "currency");
		assertThat(product.path("available").asInt()).isEqualTo(7);
		assertThat(inventory.find(sku)).isPresent();
		assertThat(catalog.titles(List.of(sku, "NOT-THERE", "bad sku"))).containsExactly(Map.entry(sku, "The Left Hand of Darkness"));
	}

	@Test
	void aPriceChangeKeepsHistoryAndTheProductPageShowsTheNewPrice() {
		String sku = sku("LAPTOP");
		create(product(sku, "Framework Laptop 13", "test-laptops", Map.of("cpu", "AMD Ryzen 7 7840U"), "1099.00", 3));

		ResponseEntity<JsonNode> changed = admin().put().uri("/api/admin/products/{sku}/price", sku)
				.contentType(MediaType.APPLICATION_JSON).body(Map.of("amount", "999.00", "currency", "EUR")).retrieve().toEntity(JsonNode.class);
		assertThat(changed.getStatusCode().value()).isEqualTo(200);
		assertThat(changed.getBody().path("price").path("amount").asString()).isEqualTo("999.00");

		assertThat(get("/api/products/" + sku).getBody().path("price").path("amount").asString()).isEqualTo("999.00");
		JsonNode history = admin().get().uri("/api/admin/products/{sku}/price-history", sku).retrieve().body(JsonNode.class);
		assertThat(history.path("total").asInt()).isEqualTo(2);
		JsonNode current = history.path("items").get(0);
		JsonNode previous = history.path("items").get(1);
		assertThat(current.path("price").path("amount").asString()).isEqualTo("999.00");
		assertThat(current.has("validTo")).isFalse(); // open-ended: the current price
		assertThat(previous.path("price").path("amount").asString()).isEqualTo("1099.00");
		assertThat(previous.path("validTo").asString()).isEqualTo(current.path("validFrom").asString());
	}

	@Test
	void stockCanBeSet() {
		String sku = sku("TEA");
		create(product(sku, "Sencha", "test-tea", Map.of(), "6.50", 3));

		ResponseEntity<JsonNode> set = admin().put().uri("/api/admin/products/{sku}/stock", sku)
				.contentType(MediaType.APPLICATION_JSON).body(Map.of("onHand", 40)).retrieve().toEntity(JsonNode.class);

		assertThat(set.getStatusCode().value()).isEqualTo(200);
		assertThat(get("/api/products/" + sku).getBody().path("available").asInt()).isEqualTo(40);
	}

	@Test
	void searchAndFiltersReturnTheRightProducts() {
		String token = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		String books = "books-" + token;
		String games = "games-" + token;
		String dune = sku("BOOK");
		String hobbit = sku("BOOK");
		String catan = sku("GAME");
		create(product(dune, "Dune " + token, books, Map.of("author", "Frank Herbert", "language", "English"), "9.99", 5));
		create(product(hobbit, "The Hobbit " + token, books, Map.of("author", "J. R. R. Tolkien", "language", "English"), "8.99", 5));
		create(product(catan, "Catan " + token, games, Map.of("players", "3-4"), "39.00", 5));

		awaitIndexed("/api/products?q=" + token, 3); // words are looked up in the search index, fed within seconds
		assertThat(skus("/api/products?q=" + token)).containsExactlyInAnyOrder(dune, hobbit, catan);
		assertThat(skus("/api/products?q=" + token.toUpperCase())).as("case-insensitive").containsExactlyInAnyOrder(dune, hobbit, catan);
		assertThat(skus("/api/products?q=hobbit " + token)).as("every word must match").containsExactly(hobbit);
		assertThat(skus("/api/products?category=" + books)).containsExactlyInAnyOrder(dune, hobbit);
		assertThat(skus("/api/products?category=" + books + "&attr.author=Frank Herbert")).containsExactly(dune);
		assertThat(skus("/api/products?category=" + books + "&attr.author=Frank Herbert&attr.author=J. R. R. Tolkien"))
				.containsExactlyInAnyOrder(dune, hobbit);
		assertThat(skus("/api/products?q=" + token + "&attr.language=English")).containsExactlyInAnyOrder(dune, hobbit);
		assertThat(skus("/api/products?category=" + games + "&q=dune")).isEmpty();

		JsonNode page = get("/api/products?q=" + token + "&size=2&page=1").getBody();
		assertThat(page.path("total").asInt()).isEqualTo(3);
		assertThat(page.path("page").asInt()).isEqualTo(1);
		assertThat(page.path("items")).hasSize(1);
		JsonNode item = get("/api/products?category=" + games).getBody().path("items").get(0);
		assertThat(item.path("title").asString()).isEqualTo("Catan " + token);
		assertThat(item.path("category").asString()).isEqualTo(games);
		assertThat(item.path("price").path("amount").asString()).isEqualTo("39.00");
		assertThat(item.path("available").asInt()).isEqualTo(5);

		JsonNode categories = get("/api/categories").getBody().path("items");
		assertThat(categories.valueStream().filter(c -> c.path("category").asString().equals(books)).findFirst())
				.hasValueSatisfying(c -> assertThat(c.path("products").asInt()).isEqualTo(2));
	}

	@Test
	void operatorsSmuggledIntoParametersMatchNothingExtra() {
		String token = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		String category = "inject-" + token;
		String sku = sku("GAME");
		create(product(sku, "Carcassonne", category, Map.of("author", "Klaus-Jürgen Wrede"), "29.00", 2));
		awaitIndexed("/api/products?category=" + category + "&q=carcassonne", 1);

		// values are literal text: an operator document or a pattern is something to look for, not to run
		for (String value : List.of("{\"$ne\": \"\"}", "{\"$gt\": \"\"}", ".*", "^", "Carc.*", "a|b", "\\", "$where", "(", "[")) {
			assertThat(skus("/api/products?category=" + category + "&q=" + value)).as("q=%s", value).isEmpty();
			assertThat(skus("/api/products?category=" + category + "&attr.author=" + value)).as("attr.author=%s", value).isEmpty();
		}
		// names that could become operators or paths are refused
		for (String query : List.of("attr.$where=1", "attr.author.$ne=x", "attr.author[$ne]=x", "q[$ne]=x", "$where=sleep(1000)",
				"category={\"$ne\": \"\"}", "category=books|laptops")) {
			ResponseEntity<JsonNode> refused = get("/api/products?" + query);
			assertThat(refused.getStatusCode().value()).as(query).isEqualTo(400);
			assertThat(refused.getHeaders().getContentType()).as(query).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		}
		// and the product is there for an honest query
		assertThat(skus("/api/products?category=" + category + "&q=carcassonne")).containsExactly(sku);
	}

	@Test
	void wordsAreLookedUpInTheSearchIndexNotInTheDocuments() {
		String token = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		String sku = sku("LAMP");
		create(product(sku, "Reading lamp " + token, "test-lamps", Map.of("colour", "amber"), "24.00", 3));
		awaitIndexed("/api/products?q=" + token, 1);

		// the document loses the word behind the index's back (no inventory change, so the feed does not re-read it):
		// the documents no longer match, the index still does, and the list answers from the index
		Query document = Query.query(Criteria.where("_id").is(sku));
		mongo.updateFirst(document, Update.update("title", "Reading lamp").set("description", "About a reading lamp"), "products");
		try {
			assertThat(mongo.count(Query.query(Criteria.where("title").regex(token)), "products")).isZero();
			assertThat(skus("/api/products?q=" + token)).containsExactly(sku);
			assertThat(skus("/api/products?q=" + token + "&category=test-lamps&attr.colour=amber")).containsExactly(sku);
			assertThat(skus("/api/products?q=" + token + "&category=other")).isEmpty();
			assertThat(skus("/api/products?q=amber " + token)).as("attribute values are words too").containsExactly(sku);
			JsonNode page = get("/api/products?q=" + token).getBody();
			assertThat(page.path("total").asInt()).isEqualTo(1);
			assertThat(page.path("items").get(0).path("price").path("amount").asString()).as("live from the inventory").isEqualTo("24.00");
			assertThat(get("/api/products?q=" + token + "&page=500&size=20").getStatusCode().value()).as("beyond the pages served").isEqualTo(400);
		}
		finally {
			mongo.updateFirst(document, Update.update("title", "Reading lamp " + token).set("description", "About Reading lamp " + token), "products");
		}
	}

	@Test
	void badProductsAreRefusedAndNothingIsStored() {
		String sku = sku("BAD");
		Map<String, Object> good = product(sku, "A fine product", "tests", Map.of("author", "Someone"), "10.00", 1);

		Map<String, Map<String, Object>> bad = new LinkedHashMap<>();
		bad.put("negative price", with(good, "price", Map.of("amount", "-1.00", "currency", "EUR")));
		bad.put("unknown currency", with(good, "price", Map.of("amount", "1.00", "currency", "XYZ")));
		bad.put("lower-case currency", with(good, "price", Map.of("amount", "1.00", "currency", "eur")));
		bad.put("too many decimals", with(good, "price", Map.of("amount", "1.001", "currency", "EUR")));
		bad.put("price as a float", with(good, "price", Map.of("amount", "abc", "currency", "EUR")));
		bad.put("negative stock", with(good, "stock", -1));
		bad.put("stock as text", with(good, "stock", "many"));
		bad.put("no price", with(good, "price", null));
		bad.put("oversized title", with(good, "title", "x".repeat(NewProduct.MAX_TITLE + 1)));
		bad.put("oversized description", with(good, "description", "x".repeat(NewProduct.MAX_DESCRIPTION + 1)));
		bad.put("oversized attribute", with(good, "attributes", Map.of("author", "x".repeat(NewProduct.MAX_ATTRIBUTE_VALUE + 1))));
		bad.put("operator as attribute name", with(good, "attributes", Map.of("$set", "x")));
		bad.put("dotted attribute name", with(good, "attributes", Map.of("a.b", "x")));
		bad.put("odd category", with(good, "category", "Books & More"));
		bad.put("image that is no URL", with(good, "images", List.of("javascript:alert(1)")));
		for (var entry : bad.entrySet()) {
			ResponseEntity<JsonNode> response = create(entry.getValue());
			assertThat(response.getStatusCode().value()).as(entry.getKey()).isEqualTo(400);
			assertThat(response.getHeaders().getContentType()).as(entry.getKey()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(response.getBody().path("detail").asString()).as(entry.getKey()).isNotBlank();
		}
		// the detail says which field is wrong
		assertThat(create(with(good, "title", "x".repeat(NewProduct.MAX_TITLE + 1))).getBody().path("detail").asString()).contains("title");
		assertThat(create(with(good, "attributes", Map.of("$set", "x"))).getBody().path("detail").asString()).contains("attribute names");
		for (String odd : List.of("lower-case", "WITH SPACE", "A", "-LEADING", "QUOTE'", "DOLLAR$", "X".repeat(41))) {
			assertThat(create(with(good, "sku", odd)).getStatusCode().value()).as(odd).isEqualTo(400);
		}
		ResponseEntity<JsonNode> malformed = admin().post().uri("/api/admin/products").contentType(MediaType.APPLICATION_JSON)
				.body("{\"sku\": ").retrieve().toEntity(JsonNode.class);
		assertThat(malformed.getStatusCode().value()).isEqualTo(400);

		assertThat(get("/api/products/" + sku).getStatusCode().value()).isEqualTo(404);
		assertThat(inventory.exists(sku)).isFalse();
		assertThat(create(good).getStatusCode().value()).as("the same product, fixed").isEqualTo(201);
		assertThat(create(good).getStatusCode().value()).as("a second time").isEqualTo(409);
	}

	@Test
	void unknownAndOddSkusAndBadAdminInput() {
		String unknown = sku("NONE");
		assertThat(get("/api/products/" + unknown).getStatusCode().value()).isEqualTo(404);
		assertThat(get("/api/products/" + unknown).getBody().path("detail").asString()).contains(unknown);
		assertThat(get("/api/products/lower-case").getStatusCode().value()).isEqualTo(400);
		assertThat(get("/api/products/A$B").getStatusCode().value()).isEqualTo(400);
		assertThat(get("/api/products?size=101").getStatusCode().value()).isEqualTo(400);
		assertThat(get("/api/products?q=" + "x".repeat(101)).getStatusCode().value()).isEqualTo(400);

		assertThat(putPrice(unknown, Map.of("amount", "1.00", "currency", "EUR")).getStatusCode().value()).isEqualTo(404);
		assertThat(admin().get().uri("/api/admin/products/{sku}/price-history", unknown).retrieve().toEntity(JsonNode.class)
				.getStatusCode().value()).isEqualTo(404);

		String sku = sku("COFFEE");
		create(product(sku, "Yirgacheffe", "test-coffee", Map.of(), "12.00", 4));
		assertThat(putPrice(sku, Map.of("amount", "-5", "currency", "EUR")).getStatusCode().value()).isEqualTo(400);
		assertThat(putPrice(sku, Map.of("amount", "5", "currency", "QQQ")).getStatusCode().value()).isEqualTo(400);
		assertThat(putStock(sku, Map.of("onHand", -1)).getStatusCode().value()).isEqualTo(400);
		assertThat(putStock(sku, Map.of()).getStatusCode().value()).isEqualTo(400);
		assertThat(putStock(sku, Map.of("onHand", "lots")).getStatusCode().value()).isEqualTo(400);

		JsonNode product = get("/api/products/" + sku).getBody();
		assertThat(product.path("price").path("amount").asString()).isEqualTo("12.00");
		assertThat(product.path("available").asInt()).isEqualTo(4);
	}

	private ResponseEntity<JsonNode> putPrice(String sku, Map<String, ?> body) {
		return admin().put().uri("/api/admin/products/{sku}/price", sku).contentType(MediaType.APPLICATION_JSON).body(body)
				.retrieve().toEntity(JsonNode.class);
	}

	private ResponseEntity<JsonNode> putStock(String sku, Map<String, ?> body) {
		return admin().put().uri("/api/admin/products/{sku}/stock", sku).contentType(MediaType.APPLICATION_JSON).body(body)
				.retrieve().toEntity(JsonNode.class);
	}

	/** Waits (at most 15 s) until the search index, fed from the inventory's changes, answers that many products. */
	private void awaitIndexed(String uri, int products) {
		long deadline = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
		ResponseEntity<JsonNode> response;
		do {
			response = get(uri);
			if (response.getStatusCode().value() == 200 && response.getBody().path("items").size() == products) {
				return;
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new AssertionError(e);
			}
		}
		while (System.nanoTime() < deadline);
		throw new AssertionError(uri + " did not answer " + products + " products within 15 s: " + response.getBody());
	}

	private List<String> skus(String uri) {
		ResponseEntity<JsonNode> response = get(uri);
		assertThat(response.getStatusCode().value()).as(uri).isEqualTo(200);
		return response.getBody().path("items").valueStream().map(item -> item.path("sku").asString()).toList();
	}

	/** GET with the query's names and values sent exactly as written (encoded here, never read as a URI template). */
	private ResponseEntity<JsonNode> get(String pathAndQuery) {
		int question = pathAndQuery.indexOf('?');
		String uri = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question) + "?"
				+ java.util.Arrays.stream(pathAndQuery.substring(question + 1).split("&")).map(parameter -> {
					int equals = parameter.indexOf('=');
					return equals < 0 ? encode(parameter) : encode(parameter.substring(0, equals)) + "=" + encode(parameter.substring(equals + 1));
				}).collect(java.util.stream.Collectors.joining("&"));
		return PolyshopHttp.client(port).get().uri(java.net.URI.create("http://localhost:" + port + uri)).retrieve().toEntity(JsonNode.class);
	}

	private ResponseEntity<JsonNode> create(Map<String, Object> product) {
		return admin().post().uri("/api/admin/products").contentType(MediaType.APPLICATION_JSON).body(product).retrieve()
				.toEntity(JsonNode.class);
	}

	private RestClient admin() {
		return PolyshopHttp.admin(port);
	}

	static String sku(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 13).toUpperCase();
	}

	static Map<String, Object> product(String sku, String title, String category, Map<String, String> attributes, String price,
			int stock) {
		Map<String, Object> product = new LinkedHashMap<>();
		product.put("sku", sku);
		product.put("title", title);
		product.put("description", "About " + title);
		product.put("category", category);
		product.put("attributes", attributes);
		product.put("images", List.of("https://images.example/" + sku + ".jpg"));
		product.put("price", Map.of("amount", price, "currency", "EUR"));
		product.put("stock", stock);
		return product;
	}

	private static Map<String, Object> with(Map<String, Object> product, String key, Object value) {
		Map<String, Object> copy = new LinkedHashMap<>(product);
		copy.put(key, value);
		return copy;
	}

	private static String encode(String value) {
		return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
	}
}
