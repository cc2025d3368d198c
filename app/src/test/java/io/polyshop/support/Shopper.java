package io.polyshop.support;

import java.util.Map;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;

/** A customer driving the public HTTP API: registers, fills a cart, checks out. */
public final class Shopper {

	public static final String APPROVED_CARD = "4242424242424242";
	public static final String DECLINED_CARD = "4000000000000002";
	/** The simulated provider cannot be reached: nothing is charged, the outcome is unknown to the shop. */
	public static final String GATEWAY_ERROR_CARD = "4000000000000119";
	/** The simulated provider charges, then its answer is lost (time-out). */
	public static final String CHARGED_THEN_TIMEOUT_CARD = "4000000000000259";

	private final int port;
	private final String email;
	private final String password;
	private final String id;

	private Shopper(int port, String email, String password, String id) {
		this.port = port;
		this.email = email;
		this.password = password;
		this.id = id;
	}

	public static Shopper register(int port, String name) {
		String email = name.toLowerCase().replaceAll("[^a-z0-9]", "") + "-" + UUID.randomUUID() + "@shoppers.test";
		String password = "correct horse battery " + UUID.randomUUID();
		ResponseEntity<JsonNode> created = PolyshopHttp.client(port).post().uri("/api/customers")
				.body(Map.of("email", email, "password", password, "name", name)).retrieve().toEntity(JsonNode.class);
		if (created.getStatusCode().value() != 201) {
			throw new IllegalStateException("registration failed: " + created);
		}
		return new Shopper(port, email, password, created.getBody().path("id").asString());
	}

	public String id() {
		return id;
	}

	/** The same customer, talking to an application on another port (after a restart). */
	public Shopper at(int otherPort) {
		return new Shopper(otherPort, email, password, id);
	}

	public String email() {
		return email;
	}

	public String password() {
		return password;
	}

	public RestClient http() {
		return PolyshopHttp.as(port, email, password);
	}

	public ResponseEntity<JsonNode> putInCart(String sku, int quantity) {
		return http().put().uri("/api/cart/items/{sku}", sku).body(Map.of("quantity", quantity)).retrieve().toEntity(JsonNode.class);
	}

	public JsonNode cart() {
		return http().get().uri("/api/cart").retrieve().body(JsonNode.class);
	}

	public ResponseEntity<JsonNode> checkout(String idempotencyKey, String cardNumber) {
		return checkout(idempotencyKey, cardNumber, "Ada Lovelace");
	}

	public ResponseEntity<JsonNode> checkout(String idempotencyKey, String cardNumber, String shippingName) {
		return http().post().uri("/api/checkout").header("Idempotency-Key", idempotencyKey)
				.body(Map.of("shippingAddress", Map.of("name", shippingName, "line1", "12 St James's Square",
						"city", "London", "postalCode", "SW1Y 4JH", "country", "GB"), "payment", Map.of("cardNumber", cardNumber)))
				.retrieve().toEntity(JsonNode.class);
	}
}
