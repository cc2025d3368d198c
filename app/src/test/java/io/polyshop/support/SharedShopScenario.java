package io.polyshop.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.http.ResponseEntity;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One shopper's visit spread over two instances of the shop behind a load balancer (or one instance twice): an
 * anonymous cart filled on the first, signed in on the second (the cart follows, merged), the session continuing on
 * the first, checked out on the second, the order seen on both. Used on shared stores and on Redis Cluster.
 */
public final class SharedShopScenario {

	private static final JsonMapper json = JsonMapper.builder().build();

	private SharedShopScenario() {
	}

	/** What the visit left behind. */
	public record Visit(String customerId, String orderId, String sku) {
	}

	/** Runs the visit. */
	public static Visit run(int first, int second) {
		String sku = Products.create(first, "12.50", 10);
		Shopper shopper = Shopper.register(first, "Grace Hopper");

		// anonymous on the first instance: the cart belongs to the browser's session (kept in Redis)
		BrowserSession onFirst = new BrowserSession(first);
		HttpResponse<String> added = onFirst.sendJson("PUT", "/api/cart/items/" + sku, "{\"quantity\":2}", Map.of());
		assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
		String anonymousSession = onFirst.sessionId().orElseThrow();

		// signs in on the second: the session started on the first is known there, the anonymous cart follows
		BrowserSession onSecond = onFirst.at(second);
		HttpResponse<String> signedIn = onSecond.submitSignIn(shopper.email(), shopper.password(), onSecond.signInFormToken());
		assertThat(signedIn.statusCode()).as(signedIn.body()).isIn(200, 302, 303);
		assertThat(onSecond.sessionId()).isPresent().get().isNotEqualTo(anonymousSession);

		// back on the first with the same cookie: still signed in, and the merged cart is there
		HttpResponse<String> me = onFirst.get("/api/me", "application/json");
		assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
		assertThat(read(me.body()).path("email").asString()).isEqualTo(shopper.email());
		eventually(() -> quantityIn(read(onFirst.get("/api/cart", "application/json").body()), sku) == 2,
				"the anonymous cart merged into the customer's, seen from the first instance");

		// checked out on the second
		ResponseEntity<JsonNode> order = shopper.at(second).checkout(UUID.randomUUID().toString(), Shopper.APPROVED_CARD);
		assertThat(order.getStatusCode().value()).as(String.valueOf(order.getBody())).isEqualTo(201);
		String orderId = order.getBody().path("orderId").asString();

		// the order is seen on both
		for (int port : new int[] { first, second }) {
			eventually(() -> shopper.at(port).http().get().uri("/api/orders/{id}", orderId).exchange((request, response) ->
					response.getStatusCode().value() == 200), "order " + orderId + " readable on the instance on port " + port);
		}
		eventually(() -> quantityIn(shopper.at(first).cart(), sku) == 0, "the checked-out line left the cart");
		return new Visit(shopper.id(), orderId, sku);
	}

	static int quantityIn(JsonNode cart, String sku) {
		for (JsonNode item : cart.path("items")) {
			if (sku.equals(item.path("sku").asString())) {
				return item.path("quantity").asInt();
			}
		}
		return 0;
	}

	private static JsonNode read(String body) {
		return json.readTree(body);
	}

	public static void eventually(Supplier<Boolean> condition, String what) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (!Boolean.TRUE.equals(condition.get())) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("not within 30 s: " + what);
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new AssertionError(e);
			}
		}
	}
}
