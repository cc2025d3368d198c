package io.polyshop.checkout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.polyshop.inventory.Inventory;
import io.polyshop.support.PolyshopIntegrationTest;
import io.polyshop.support.Products;
import io.polyshop.support.Shopper;

import static io.polyshop.support.Concurrently.all;
import static org.awaitility.Awaitility.await;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@PolyshopIntegrationTest
class CheckoutTests {

	@LocalServerPort
	int port;

	@Autowired
	Inventory inventory;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlacedOrders placedOrders;

	@Autowired
	org.springframework.transaction.support.TransactionTemplate transaction;

	@Autowired
	org.springframework.context.ApplicationEventPublisher events;

	@Test
	void aHundredCustomersRaceForTenUnits() throws Exception {
		String sku = Products.create(port, "19.99", 10);
		List<Shopper> shoppers = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			Shopper shopper = Shopper.register(port, "Racer " + i);
			assertThat(shopper.putInCart(sku, 1).getStatusCode().value()).isEqualTo(200);
			shoppers.add(shopper);
		}

		List<ResponseEntity<JsonNode>> answers = all(shoppers.stream()
				.<Callable<ResponseEntity<JsonNode>>>map(s -> () -> checkoutLikeAClient(s)).toList());

		String statuses = answers.stream().map(a -> a.getStatusCode().value() + " " + a.getBody()).sorted().toList().toString();
		assertThat(answers.stream().filter(a -> a.getStatusCode().value() == 201)).as(statuses).hasSize(10);
		List<ResponseEntity<JsonNode>> refused = answers.stream().filter(a -> a.getStatusCode().value() == 409).toList();
		assertThat(refused).as(statuses).hasSize(90);
		assertThat(refused).allSatisfy(a -> {
			assertThat(a.getHeaders().getContentType().toString()).contains("application/problem+json");
			assertThat(a.getBody().path("detail").asString()).contains(sku);
		});
		assertThat(inventory.find(sku).orElseThrow().available()).isZero();
		assertThat(jdbc.sql("SELECT count(*) FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE l.sku = ? AND o.status = 'COMPLETED'")
				.param(sku).query(Long.class).single()).isEqualTo(10);
		// every paid order reaches the document store, exactly once
		await().atMost(Duration.ofSeconds(30)).until(() -> mongo.count(Query.query(Criteria.where("lines.sku").is(sku).and("status").is("COMPLETED")), "orders") == 10);
		assertThat(mongo.count(Query.query(Criteria.where("lines.sku").is(sku)), "orders")).isEqualTo(10);
	}

	@Test
	void theSameIdempotencyKeySentFiveTimesAtOnceMakesOneOrder() throws Exception {
		String sku = Products.create(port, "5.00", 50);
		Shopper shopper = Shopper.register(port, "Impatient");
		shopper.putInCart(sku, 2);
		String key = UUID.randomUUID().toString();

		List<ResponseEntity<JsonNode>> answers = all(java.util.stream.IntStream.range(0, 5)
				.<Callable<ResponseEntity<JsonNode>>>mapToObj(i -> () -> shopper.checkout(key, Shopper.APPROVED_CARD)).toList());

		assertThat(answers).allSatisfy(a -> assertThat(a.getStatusCode().value()).isIn(200, 201));
		assertThat(answers.stream().filter(a -> a.getStatusCode().value() == 201)).hasSize(1);
		assertThat(answers.stream().map(a -> a.getBody().path("orderId").asString()).distinct()).hasSize(1);
		assertThat(jdbc.sql("SELECT count(*) FROM orders WHERE customer_id = ?").param(shopper.id()).query(Long.class).single()).isEqualTo(1);
		assertThat(inventory.find(sku).orElseThrow().available()).isEqualTo(48);

		// later, the same key again: still the same order
		ResponseEntity<JsonNode> again = shopper.checkout(key, Shopper.APPROVED_CARD);
		assertThat(again.getStatusCode().value()).isEqualTo(200);
		assertThat(again.getBody().path("orderId").asString()).isEqualTo(answers.get(0).getBody().path("orderId").asString());
	}

	@Test
	void aDeclinedCardGivesTheStockBackCancelsTheOrderAndKeepsTheCart() {
		String sku = Products.create(port, "12.50", 7);
		Shopper shopper = Shopper.register(port, "Declined");
		shopper.putInCart(sku, 3);

		ResponseEntity<JsonNode> answer = shopper.checkout(UUID.randomUUID().toString(), Shopper.DECLINED_CARD);

		assertThat(answer.getStatusCode().value()).isEqualTo(402);
		assertThat(answer.getBody().path("detail").asString()).contains("declined");
		String orderId = answer.getBody().path("orderId").asString();
		OrderSnapshot order = placedOrders.find(orderId).orElseThrow();
		assertThat(order.status()).isEqualTo("CANCELLED");
		assertThat(order.cancelReason()).isEqualTo("payment declined");
		assertThat(order.timeline()).extracting(OrderSnapshot.StatusChange::status).containsExactly("PAYMENT_PENDING", "CANCELLED");
		assertThat(inventory.find(sku).orElseThrow().available()).isEqualTo(7);
		assertThat(shopper.cart().path("items").get(0).path("quantity").asInt()).isEqualTo(3);
	}

	@Test
	void anUnreachableGatewayIsAskedNotAssumed_nothingChargedSoCancelledAndVoided() {
		String sku = Products.create(port, "3.00", 4);
		Shopper shopper = Shopper.register(port, "Unlucky");
		shopper.putInCart(sku, 4);

		ResponseEntity<JsonNode> answer = shopper.checkout(UUID.randomUUID().toString(), Shopper.GATEWAY_ERROR_CARD);

		assertThat(answer.getStatusCode().value()).isEqualTo(502);
		String orderId = answer.getBody().path("orderId").asString();
		assertThat(placedOrders.find(orderId).orElseThrow().status()).isEqualTo("CANCELLED");
		assertThat(inventory.find(sku).orElseThrow().available()).isEqualTo(4);
		assertThat(inventory.find(sku).orElseThrow().reserved()).isZero();
		// the order was given up at the provider before cancelling, so a late charge could not land
		assertThat(ledgerState(orderId)).isEqualTo("VOIDED");
	}

	@Test
	void aChargeWhoseAnswerWasLostIsFoundByAskingAndTheOrderCompletes() {
		String sku = Products.create(port, "6.00", 3);
		Shopper shopper = Shopper.register(port, "Timed out");
		shopper.putInCart(sku, 1);

		ResponseEntity<JsonNode> answer = shopper.checkout(UUID.randomUUID().toString(), Shopper.CHARGED_THEN_TIMEOUT_CARD);

		assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(201);
		assertThat(answer.getBody().path("status").asString()).isEqualTo("COMPLETED");
		String orderId = answer.getBody().path("orderId").asString();
		assertThat(ledgerState(orderId)).isEqualTo("CHARGED");
		var level = inventory.find(sku).orElseThrow();
		assertThat(level.onHand()).isEqualTo(2);
		assertThat(level.reserved()).isZero();
		// the admin's view of the provider's book has it
		JsonNode ledger = io.polyshop.support.PolyshopHttp.admin(port).get().uri("/api/admin/payments/ledger?orderId={id}", orderId)
				.retrieve().body(JsonNode.class);
		assertThat(ledger.path("entries").valueStream().filter(e -> e.path("orderId").asString().equals(orderId)).toList())
				.as(String.valueOf(ledger)).singleElement().satisfies(e -> assertThat(e.path("state").asString()).isEqualTo("CHARGED"));
	}

	@Test
	void theSameKeyWithAnotherBodyIsRefusedWith422() {
		String sku = Products.create(port, "4.00", 5);
		Shopper shopper = Shopper.register(port, "Forgetful");
		shopper.putInCart(sku, 1);
		String key = UUID.randomUUID().toString();
		assertThat(shopper.checkout(key, Shopper.APPROVED_CARD).getStatusCode().value()).isEqualTo(201);

		ResponseEntity<JsonNode> other = shopper.checkout(key, Shopper.APPROVED_CARD, "Someone Else");

		assertThat(other.getStatusCode().value()).isEqualTo(422);
		assertThat(other.getHeaders().getContentType().toString()).contains("application/problem+json");
		assertThat(other.getBody().path("detail").asString()).contains("different checkout request");
		// keys are per customer: another customer may use the same key for an order of their own
		Shopper another = Shopper.register(port, "Same key");
		another.putInCart(sku, 1);
		assertThat(another.checkout(key, Shopper.APPROVED_CARD).getStatusCode().value()).isEqualTo(201);
	}

	@Test
	void anExpiredKeyMakesANewOrder() {
		String sku = Products.create(port, "4.00", 5);
		Shopper shopper = Shopper.register(port, "Returning");
		shopper.putInCart(sku, 1);
		String key = UUID.randomUUID().toString();
		String first = shopper.checkout(key, Shopper.APPROVED_CARD).getBody().path("orderId").asString();
		await().atMost(Duration.ofSeconds(30)).until(() -> shopper.cart().path("items").isEmpty());
		jdbc.sql("UPDATE checkout_keys SET expires_at = now() - INTERVAL '1 second' WHERE customer_id = ? AND idempotency_key = ?")
				.params(shopper.id(), key).update();
		shopper.putInCart(sku, 1);

		ResponseEntity<JsonNode> again = shopper.checkout(key, Shopper.APPROVED_CARD);

		assertThat(again.getStatusCode().value()).isEqualTo(201);
		assertThat(again.getBody().path("orderId").asString()).isNotEqualTo(first);
	}

	@Test
	void twoTabsWithTwoKeysCannotBuyTheSameCartTwice() throws Exception {
		String sku = Products.create(port, "9.00", 20);
		Shopper shopper = Shopper.register(port, "Two tabs");
		shopper.putInCart(sku, 2);

		List<ResponseEntity<JsonNode>> answers = all(java.util.stream.IntStream.range(0, 4)
				.<Callable<ResponseEntity<JsonNode>>>mapToObj(i -> () -> shopper.checkout(UUID.randomUUID().toString(), Shopper.APPROVED_CARD))
				.toList());

		String seen = answers.stream().map(a -> a.getStatusCode().value() + " " + a.getBody()).toList().toString();
		assertThat(answers.stream().filter(a -> a.getStatusCode().value() == 201)).as(seen).hasSize(1);
		// the others: refused because the contents are claimed, or (if they came after the cart was cleared) empty
		assertThat(answers.stream().filter(a -> a.getStatusCode().value() != 201)).as(seen)
				.allSatisfy(a -> assertThat(a.getStatusCode().value()).isIn(409, 400));
		// a tab that read the cart before the first order cleared it gets 409; one that came after finds it empty (400)
		assertThat(answers.stream().filter(a -> a.getStatusCode().value() == 409)).as(seen)
				.allSatisfy(a -> assertThat(a.getBody().path("title").asString()).isEqualTo("Cart already checked out"));
		assertThat(jdbc.sql("SELECT count(*) FROM orders WHERE customer_id = ?").param(shopper.id()).query(Long.class).single()).isEqualTo(1);

		// once the order's lines have left the cart, the same contents can be bought again
		await().atMost(Duration.ofSeconds(30)).until(() -> shopper.cart().path("items").isEmpty());
		shopper.putInCart(sku, 2);
		assertThat(shopper.checkout(UUID.randomUUID().toString(), Shopper.APPROVED_CARD).getStatusCode().value()).isEqualTo(201);
	}

	/**
	 * A burst of a hundred sign-ins and checkouts on two cores may be told 503 + Retry-After (the connection pool
	 * waits at most a second); a client then retries with the same key, as the answer asks. Oversell is what is tested.
	 */
	private static ResponseEntity<JsonNode> checkoutLikeAClient(Shopper shopper) throws InterruptedException {
		String key = UUID.randomUUID().toString();
		ResponseEntity<JsonNode> answer = shopper.checkout(key, Shopper.APPROVED_CARD);
		for (int attempt = 0; attempt < 10 && answer.getStatusCode().value() == 503; attempt++) {
			Thread.sleep(500 + (long) (Math.random() * 1000));
			answer = shopper.checkout(key, Shopper.APPROVED_CARD);
		}
		return answer;
	}

	private String ledgerState(String orderId) {
		return jdbc.sql("SELECT state FROM simulated_payments WHERE order_id = ?").param(orderId).query(String.class).single();
	}

	@Test
	void aCompletedOrderIsInHistoryWithPricesFromInventoryAndLeavesTheCart() {
		String sku = Products.create(port, "10.00", 5);
		Shopper shopper = Shopper.register(port, "Happy");
		shopper.putInCart(sku, 2);
		// the price changes after the product went into the cart: checkout charges today's price
		assertThat(io.polyshop.support.PolyshopHttp.admin(port).put().uri("/api/admin/products/{sku}/price", sku)
				.body(java.util.Map.of("amount", "8.00", "currency", "EUR")).retrieve().toBodilessEntity().getStatusCode().value())
				.isEqualTo(200);

		ResponseEntity<JsonNode> answer = shopper.checkout(UUID.randomUUID().toString(), Shopper.APPROVED_CARD);

		assertThat(answer.getStatusCode().value()).isEqualTo(201);
		assertThat(answer.getBody().path("status").asString()).isEqualTo("COMPLETED");
		assertThat(answer.getBody().path("total").path("amount").asString()).isEqualTo("16.00");
		String orderId = answer.getBody().path("orderId").asString();
		await().atMost(Duration.ofSeconds(30)).until(() -> shopper.http().get().uri("/api/orders/{id}", orderId).retrieve().toEntity(JsonNode.class)
				.getStatusCode().value() == 200);
		JsonNode document = shopper.http().get().uri("/api/orders/{id}", orderId).retrieve().body(JsonNode.class);
		assertThat(document.path("lines").get(0).path("unitPrice").path("amount").asString()).isEqualTo("8.00");
		assertThat(document.path("timeline").valueStream().map(c -> c.path("status").asString()).toList())
				.containsExactly("PAYMENT_PENDING", "PAID", "COMPLETED");
		assertThat(shopper.http().get().uri("/api/orders").retrieve().body(JsonNode.class).path("items").get(0)
				.path("id").asString()).isEqualTo(orderId);
		await().atMost(Duration.ofSeconds(30)).until(() -> shopper.cart().path("items").isEmpty());

		// someone else asking for that order learns nothing
		Shopper stranger = Shopper.register(port, "Stranger");
		assertThat(stranger.http().get().uri("/api/orders/{id}", orderId).retrieve().toEntity(JsonNode.class)
				.getStatusCode().value()).isEqualTo(404);
		// an admin finds it, and lists it by status
		assertThat(io.polyshop.support.PolyshopHttp.admin(port).get().uri("/api/admin/orders/{id}", orderId).retrieve()
				.toEntity(JsonNode.class).getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void redeliveredOrderEventsChangeNothing() {
		String sku = Products.create(port, "7.00", 10);
		Shopper shopper = Shopper.register(port, "Redelivered");
		shopper.putInCart(sku, 2);
		String orderId = shopper.checkout(UUID.randomUUID().toString(), Shopper.APPROVED_CARD).getBody().path("orderId").asString();
		await().atMost(Duration.ofSeconds(30)).until(() -> mongo.count(Query.query(Criteria.where("_id").is(orderId).and("status").is("COMPLETED")), "orders") == 1);
		await().atMost(Duration.ofSeconds(30)).until(() -> pendingPublicationsAbout(orderId) == 0);
		int version = mongo.findById(orderId, org.bson.Document.class, "orders").getInteger("version");
		shopper.putInCart(sku, 1); // bought again after the order: a redelivery must not take it out

		transaction.executeWithoutResult(status -> {
			events.publishEvent(new OrderPlaced(orderId, shopper.id()));
			events.publishEvent(new OrderCompleted(orderId, shopper.id(), List.of(new OrderCompleted.Line(sku, "x", 2)),
					java.time.Instant.now()));
		});
		await().atMost(Duration.ofSeconds(30)).until(() -> pendingPublicationsAbout(orderId) == 0);

		assertThat(mongo.count(Query.query(Criteria.where("_id").is(orderId)), "orders")).isEqualTo(1);
		assertThat(mongo.findById(orderId, org.bson.Document.class, "orders").getInteger("version")).isEqualTo(version);
		assertThat(shopper.cart().path("items").get(0).path("quantity").asInt()).isEqualTo(1);
		assertThat(inventory.find(sku).orElseThrow().available()).isEqualTo(8);
	}

	private long pendingPublicationsAbout(String orderId) {
		return jdbc.sql("SELECT count(*) FROM event_publication WHERE completion_date IS NULL AND serialized_event LIKE ?")
				.param("%" + orderId + "%").query(Long.class).single();
	}

	@Test
	void anEmptyCartOrAMissingKeyIsABadRequest() {
		Shopper shopper = Shopper.register(port, "Empty");
		assertThat(shopper.checkout(UUID.randomUUID().toString(), Shopper.APPROVED_CARD).getStatusCode().value()).isEqualTo(400);
		assertThat(shopper.http().post().uri("/api/checkout").body(java.util.Map.of()).retrieve().toEntity(JsonNode.class)
				.getStatusCode().value()).isEqualTo(400);
	}
}
