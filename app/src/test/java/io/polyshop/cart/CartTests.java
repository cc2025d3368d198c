package io.polyshop.cart;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.ResponseEntity;

import io.polyshop.support.BrowserSession;
import io.polyshop.support.PolyshopHttp;
import io.polyshop.support.PolyshopIntegrationTest;
import io.polyshop.support.Products;
import io.polyshop.support.Shopper;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.polyshop.support.Concurrently.all;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

@PolyshopIntegrationTest
class CartTests {

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	Carts carts;

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void addUpdateRemoveWithTodaysPrices() {
		String sku = Products.create(port, "4.50", 20);
		Shopper shopper = Shopper.register(port, "Cart keeper");

		JsonNode cart = shopper.putInCart(sku, 3).getBody();
		assertThat(cart.path("items").get(0).path("quantity").asInt()).isEqualTo(3);
		assertThat(cart.path("items").get(0).path("unitPrice").path("amount").asString()).isEqualTo("4.50");
		assertThat(cart.path("total").path("amount").asString()).isEqualTo("13.50");
		assertThat(cart.path("expiresAt").asString()).isNotBlank();
		// the cart is a Redis hash holding the quantity only
		assertThat(redis.opsForHash().get("cart:{customer:" + shopper.id() + "}", sku)).isEqualTo("3");

		PolyshopHttp.admin(port).put().uri("/api/admin/products/{sku}/price", sku)
				.body(Map.of("amount", "5.00", "currency", "EUR")).retrieve().toBodilessEntity();
		assertThat(shopper.cart().path("total").path("amount").asString()).isEqualTo("15.00");

		assertThat(shopper.putInCart(sku, 1).getBody().path("items").get(0).path("quantity").asInt()).isEqualTo(1);
		assertThat(shopper.putInCart(sku, 0).getBody().path("items").isEmpty()).isTrue();
		shopper.putInCart(sku, 2);
		assertThat(shopper.http().delete().uri("/api/cart/items/{sku}", sku).retrieve().body(JsonNode.class)
				.path("items").isEmpty()).isTrue();
	}

	@Test
	void badInputIsRefusedAndLeavesTheCartAsItWas() {
		String sku = Products.create(port, "1.00", 500);
		Shopper shopper = Shopper.register(port, "Careless");
		shopper.putInCart(sku, 2);

		assertRefused(shopper, "PUT", "/api/cart/items/" + sku, "{\"quantity\": -1}", 400);
		assertRefused(shopper, "PUT", "/api/cart/items/" + sku, "{\"quantity\": 100}", 409);
		assertRefused(shopper, "PUT", "/api/cart/items/" + sku, "{\"quantity\": 2147483648}", 400);
		assertRefused(shopper, "PUT", "/api/cart/items/" + sku, "{}", 400);
		assertRefused(shopper, "PUT", "/api/cart/items/" + sku, "{\"quantity\": 5, \"unitPrice\": {\"amount\": \"0.01\", \"currency\": \"EUR\"}}", 400);
		assertRefused(shopper, "PUT", "/api/cart/items/" + sku, "{\"quantity\": 5, \"owner\": \"someone-else\"}", 400);
		assertRefused(shopper, "PUT", "/api/cart/items/" + sku, "{\"quantity\": ", 400);
		assertRefused(shopper, "PUT", "/api/cart/items/NO-SUCH-SKU-" + System.nanoTime(), "{\"quantity\": 1}", 404);
		assertRefused(shopper, "PUT", "/api/cart/items/bad%20sku", "{\"quantity\": 1}", 400);
		assertRefused(shopper, "POST", "/api/cart/items", "{\"sku\": \"" + sku + "\", \"quantity\": 0}", 400);

		String scarce = Products.create(port, "1.00", 3);
		assertRefused(shopper, "PUT", "/api/cart/items/" + scarce, "{\"quantity\": 4}", 409);

		assertThat(carts.items(CartOwner.customer(shopper.id()))).containsExactly(new CartItem(sku, 2));
	}

	private void assertRefused(Shopper shopper, String method, String path, String body, int status) {
		ResponseEntity<JsonNode> answer = shopper.http().method(org.springframework.http.HttpMethod.valueOf(method)).uri(path)
				.contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(JsonNode.class);
		assertThat(answer.getStatusCode().value()).as(method + " " + path + " " + body).isEqualTo(status);
		assertThat(answer.getHeaders().getContentType().toString()).contains("application/problem+json");
		assertThat(answer.getBody().path("detail").asString()).isNotBlank().doesNotContain("Exception");
	}

	@Test
	void fiftyConcurrentAddsEndAtTheExactQuantity() throws Exception {
		String sku = Products.create(port, "2.00", 500);
		Shopper shopper = Shopper.register(port, "Clicker");

		List<ResponseEntity<JsonNode>> answers = all(IntStream.range(0, 50).<Callable<ResponseEntity<JsonNode>>>mapToObj(i ->
				() -> shopper.http().post().uri("/api/cart/items").body(Map.of("sku", sku, "quantity", 1)).retrieve()
						.toEntity(JsonNode.class)).toList());

		assertThat(answers).allSatisfy(answer -> assertThat(answer.getStatusCode().value()).isEqualTo(200));
		assertThat(carts.items(CartOwner.customer(shopper.id()))).containsExactly(new CartItem(sku, 50));
	}

	@Test
	void nobodyReachesSomeoneElsesCart() {
		String sku = Products.create(port, "9.00", 50);
		Shopper alice = Shopper.register(port, "Alice");
		Shopper bob = Shopper.register(port, "Bob");
		alice.putInCart(sku, 4);

		assertThat(bob.cart().path("items").isEmpty()).isTrue();
		bob.putInCart(sku, 1);
		bob.http().delete().uri("/api/cart").retrieve().toBodilessEntity();
		bob.http().delete().uri("/api/cart/items/{sku}", sku).retrieve().toBodilessEntity();
		// anonymous callers, with or without a made-up session cookie, get carts of their own
		assertThat(PolyshopHttp.client(port).get().uri("/api/cart").header("Cookie", "SESSION=" + java.util.Base64.getEncoder()
				.encodeToString(alice.id().getBytes())).retrieve().body(JsonNode.class).path("items").isEmpty()).isTrue();

		assertThat(carts.items(CartOwner.customer(alice.id()))).containsExactly(new CartItem(sku, 4));
	}

	@Test
	void theAnonymousCartFollowsTheVisitorIntoTheirAccountAtSignIn() throws Exception {
		String sku = Products.create(port, "3.00", 200);
		String other = Products.create(port, "3.00", 200);
		Shopper shopper = Shopper.register(port, "Returning");
		shopper.putInCart(sku, 2); // already in the customer's cart, from another device

		BrowserSession browser = new BrowserSession(port);
		assertThat(browser.sendJson("PUT", "/api/cart/items/" + sku, "{\"quantity\": 3}", Map.of()).statusCode()).isEqualTo(200);
		assertThat(browser.sendJson("PUT", "/api/cart/items/" + other, "{\"quantity\": 1}", Map.of()).statusCode()).isEqualTo(200);
		String anonymousSession = browser.sessionId().orElseThrow();

		HttpResponse<String> signIn = browser.submitSignIn(shopper.email(), shopper.password(), browser.signInFormToken());
		assertThat(signIn.statusCode()).isEqualTo(302);

		await().atMost(java.time.Duration.ofSeconds(30)).until(() -> carts.items(CartOwner.customer(shopper.id())).contains(new CartItem(sku, 5)));
		assertThat(carts.items(CartOwner.customer(shopper.id()))).containsExactlyInAnyOrder(new CartItem(sku, 5), new CartItem(other, 1));
		assertThat(carts.items(CartOwner.session(anonymousSession))).isEmpty();
		JsonNode cart = json.readTree(browser.get("/api/cart", "application/json").body());
		assertThat(cart.path("items")).hasSize(2);
	}
}
