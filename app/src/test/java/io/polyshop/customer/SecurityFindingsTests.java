package io.polyshop.customer;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import io.polyshop.support.BrowserSession;
import io.polyshop.support.PolyshopHttp;
import io.polyshop.support.PolyshopIntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The findings of the security review (issue 15), each pinned by a test that fails if it reopens. */
@PolyshopIntegrationTest
class SecurityFindingsTests {

	static final String PASSWORD = CustomerRegistrationTests.PASSWORD;

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	org.springframework.jdbc.core.JdbcTemplate jdbc;

	/** A session in Redis is JSON: reading one never instantiates arbitrary classes (Java deserialization). */
	@Test
	void browserSessionsAreStoredAsJson() {
		String email = registered();
		BrowserSession browser = new BrowserSession(port);
		assertThat(browser.submitSignIn(email, PASSWORD, browser.signInFormToken()).statusCode()).isEqualTo(302);

		Object context = redis.opsForHash().get("spring:session:sessions:" + browser.sessionId().orElseThrow(),
				"sessionAttr:SPRING_SECURITY_CONTEXT");
		assertThat(context).isInstanceOf(String.class);
		assertThat((String) context).startsWith("{").contains("CustomerPrincipal").contains(email)
			.doesNotContain("bcrypt").doesNotContain(PASSWORD);
		// and it reads back: the session still signs the browser in
		HttpResponse<String> me = browser.get("/api/me", "application/json");
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.body()).contains(email);
	}

	@Test
	void theEmbeddedShopSaysPaymentsAreSimulated() {
		JsonNode mode = PolyshopHttp.client(port).get().uri("/api/payment-mode").retrieve().body(JsonNode.class);

		assertThat(mode.path("gateway").asString()).isEqualTo("simulator");
		assertThat(mode.path("simulated").asBoolean()).isTrue();
		String page = PolyshopHttp.client(port).get().uri("/checkout.html").retrieve().body(String.class);
		assertThat(page).contains("Payments are simulated");
	}

	@Test
	void aBodyOverTheSizeCapIs413() {
		String huge = "{\"email\":\"" + "a".repeat(2 * 1024 * 1024) + "@example.com\",\"password\":\"x\",\"name\":\"n\"}";

		ResponseEntity<JsonNode> response = PolyshopHttp.client(port).post().uri("/api/customers")
				.contentType(MediaType.APPLICATION_JSON).body(huge).retrieve().toEntity(JsonNode.class);

		assertThat(response.getStatusCode().value()).isEqualTo(413);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
	}

	/** A browser replays Basic credentials by itself, so they must not exempt a session request from CSRF. */
	@Test
	void basicCredentialsOnASignedInSessionStillNeedTheCsrfToken() {
		String email = registered();
		BrowserSession browser = new BrowserSession(port);
		assertThat(browser.submitSignIn(email, PASSWORD, browser.signInFormToken()).statusCode()).isEqualTo(302);
		String basic = "Basic " + java.util.Base64.getEncoder().encodeToString((email + ":" + PASSWORD).getBytes());

		HttpResponse<String> forged = browser.sendJson("PUT", "/api/me/addresses",
				"[{\"name\":\"A\",\"line1\":\"1 Road\",\"city\":\"Rome\",\"postalCode\":\"00100\",\"country\":\"IT\"}]",
				Map.of("Authorization", basic));

		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(forged.body()).contains("CSRF");
	}

	@Test
	void aCartInTwoCurrenciesShowsOneTotalPerCurrency() {
		String euros = io.polyshop.support.Products.create(port, "10.00", 5);
		String dollars = "T-USD-" + java.util.UUID.randomUUID().toString().substring(0, 8).toUpperCase();
		assertThat(PolyshopHttp.admin(port).post().uri("/api/admin/products").contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("sku", dollars, "title", "Dollar thing", "description", "D", "category", "books",
						"attributes", Map.of("author", "A"), "price", Map.of("amount", "3.00", "currency", "USD"), "stock", 5))
				.retrieve().toEntity(JsonNode.class).getStatusCode().value()).isEqualTo(201);
		var customer = PolyshopHttp.as(port, registered(), PASSWORD);
		for (String sku : java.util.List.of(euros, dollars)) {
			assertThat(customer.put().uri("/api/cart/items/" + sku).contentType(MediaType.APPLICATION_JSON)
					.body(Map.of("quantity", 2)).retrieve().toEntity(JsonNode.class).getStatusCode().value()).isEqualTo(200);
		}

		ResponseEntity<JsonNode> cart = customer.get().uri("/api/cart").retrieve().toEntity(JsonNode.class);

		assertThat(cart.getStatusCode().value()).isEqualTo(200);
		assertThat(cart.getBody().has("total")).isFalse();
		assertThat(cart.getBody().path("totals").valueStream().map(total -> total.path("amount").asString() + " "
				+ total.path("currency").asString())).containsExactly("20.00 EUR", "6.00 USD");
	}

	@Test
	void pagesCarryAContentSecurityPolicyAndTheUsualSecurityHeaders() {
		ResponseEntity<String> page = PolyshopHttp.client(port).get().uri("/checkout.html").retrieve().toEntity(String.class);

		assertThat(page.getHeaders().getFirst("Content-Security-Policy")).contains("default-src 'self'", "script-src 'self'",
				"frame-ancestors 'none'", "object-src 'none'");
		assertThat(page.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(page.getHeaders().getFirst("X-Frame-Options")).isEqualTo("DENY");
		assertThat(page.getHeaders().getFirst("Referrer-Policy")).isEqualTo("same-origin");
	}

	/** Every body the API reads refuses a field it does not know, names it, and stores nothing. */
	@Test
	void unknownFieldsAreRefusedOnEveryBodyAndNothingIsStored() {
		String sku = io.polyshop.support.Products.create(port, "7.00", 3);
		io.polyshop.support.Shopper shopper = io.polyshop.support.Shopper.register(port, "Strict");
		assertThat(shopper.putInCart(sku, 1).getStatusCode().value()).isEqualTo(200);
		Map<String, Object> address = Map.of("name", "A", "line1", "1 Road", "city", "Rome", "postalCode", "00100", "country", "IT");

		ResponseEntity<JsonNode> checkout = shopper.http().post().uri("/api/checkout").header("Idempotency-Key", java.util.UUID.randomUUID().toString())
				.body(Map.of("shippingAddress", address, "payment", Map.of("cardNumber", io.polyshop.support.Shopper.APPROVED_CARD),
						"discountPercent", 100))
				.retrieve().toEntity(JsonNode.class);
		ResponseEntity<JsonNode> nestedInCheckout = shopper.http().post().uri("/api/checkout").header("Idempotency-Key", java.util.UUID.randomUUID().toString())
				.body(Map.of("shippingAddress", address, "payment", Map.of("cardNumber", io.polyshop.support.Shopper.APPROVED_CARD, "amount", "0.01")))
				.retrieve().toEntity(JsonNode.class);
		ResponseEntity<JsonNode> addresses = shopper.http().put().uri("/api/me/addresses")
				.body(java.util.List.of(with(address, "verified", true))).retrieve().toEntity(JsonNode.class);
		String newSku = "T-STRICT-" + java.util.UUID.randomUUID().toString().substring(0, 8).toUpperCase();
		ResponseEntity<JsonNode> product = PolyshopHttp.admin(port).post().uri("/api/admin/products").contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("sku", newSku, "title", "T", "description", "D", "category", "books", "attributes", Map.of("author", "A"),
						"price", Map.of("amount", "3.00", "currency", "EUR"), "stock", 5, "rating", 5))
				.retrieve().toEntity(JsonNode.class);

		assertUnknownField(checkout, "discountPercent");
		assertUnknownField(nestedInCheckout, "payment.amount");
		assertUnknownField(addresses, "[0].verified");
		assertUnknownField(product, "rating");
		assertThat(shopper.cart().path("items")).as("the cart was not checked out").hasSize(1);
		assertThat(jdbc.queryForObject("SELECT count(*) FROM orders WHERE customer_id = ?", Integer.class, shopper.id())).isZero();
		assertThat(shopper.http().get().uri("/api/me").retrieve().body(JsonNode.class).path("addresses")).isEmpty();
		assertThat(PolyshopHttp.client(port).get().uri("/api/products/" + newSku).retrieve().toEntity(JsonNode.class)
				.getStatusCode().value()).isEqualTo(404);
	}

	private static Map<String, Object> with(Map<String, Object> map, String key, Object value) {
		Map<String, Object> copy = new java.util.HashMap<>(map);
		copy.put(key, value);
		return copy;
	}

	private static void assertUnknownField(ResponseEntity<JsonNode> response, String field) {
		assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(400);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody().path("field").asString()).isEqualTo(field);
		assertThat(response.getBody().path("detail").asString()).startsWith("'" + field + "' is not a field of this request");
	}

	String registered() {
		String email = CustomerRegistrationTests.uniqueEmail();
		ResponseEntity<JsonNode> created = PolyshopHttp.client(port).post().uri("/api/customers")
				.contentType(MediaType.APPLICATION_JSON).body(Map.of("email", email, "password", PASSWORD, "name", "Finder"))
				.retrieve().toEntity(JsonNode.class);
		assertThat(created.getStatusCode().value()).isEqualTo(201);
		return email;
	}
}
