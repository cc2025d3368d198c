package io.polyshop.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.polyshop.inventory.Inventory;
import io.polyshop.inventory.StockLevel;
import io.polyshop.support.PolyshopHttp;
import io.polyshop.support.PolyshopIntegrationTest;
import io.polyshop.support.Products;
import io.polyshop.support.Shopper;
import tools.jackson.databind.JsonNode;

/**
 * kill -9 at each checkout step. A second Polyshop runs in a child JVM on this test's stores, with the checkout
 * fault seams on; four checkouts freeze at known steps (after the order insert, after the charge, inside the
 * completing transaction); the child is killed with SIGKILL. Then this instance (the one left running, as after a
 * restart) must, within 60 s: resume a retried checkout, settle every in-doubt order by asking the payment
 * provider, conserve stock (an admin's absolute stock count in between is not doubled by a cancellation), and leave
 * no charge without a completed order and no completed order without a charge. Two more orders complete on the child
 * with a projection frozen (the order document of one, the PURCHASED edges of the other): both are replayed from the
 * outbox after the kill.
 */
@PolyshopIntegrationTest
class CheckoutCrashTests {

	@LocalServerPort
	int port;

	@Autowired
	Environment environment;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Inventory inventory;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	Neo4jClient neo4j;

	@TempDir
	Path childData;

	@Test
	void killedAtEveryCheckoutStepEveryOrderEndsCompletedOrCancelledWithMoneyAndStockInStep() throws Exception {
		String sku = Products.create(port, "10.00", 10);
		Map<String, Shopper> byStep = new java.util.LinkedHashMap<>();
		for (String step : List.of("after-charge", "before-completion-commit", "after-order-insert", "resumed")) {
			Shopper shopper = Shopper.register(port, "Crash " + step);
			shopper.putInCart(sku, 1);
			byStep.put(step, shopper);
		}

		// three more orders, each marked by its product's title, whose projections freeze: the order document of one,
		// the PURCHASED edges of another, the outbox's cart clean-up of the third
		Map<String, Shopper> byProjection = new java.util.LinkedHashMap<>();
		for (String seam : List.of("before-order-document", "before-purchased-edges", "before-cart-cleanup")) {
			Shopper shopper = Shopper.register(port, "Crash " + seam);
			shopper.putInCart(Products.create(port, "5.00", 3, "seam:" + seam), 1);
			byProjection.put(seam, shopper);
		}

		int childPort = freePort();
		Path log = childData.resolve("child.log");
		Process child = startChild(childPort, log);
		Map<String, String> keys = new java.util.HashMap<>();
		try {
			await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500)).until(() -> answers(childPort)); // a loaded CI machine is slow to start a JVM
			for (var projection : byProjection.entrySet()) {
				ResponseEntity<JsonNode> placed = projection.getValue().at(childPort).checkout(UUID.randomUUID().toString(), Shopper.APPROVED_CARD);
				assertThat(placed.getStatusCode().value()).as(String.valueOf(placed.getBody())).isEqualTo(201);
				await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
						.until(() -> Files.readString(log).contains("Frozen at fault seam " + projection.getKey()));
			}
			// checkout emptied the cart itself before answering: the customer never sees bought lines while the outbox is behind
			assertThat(byProjection.get("before-cart-cleanup").at(childPort).cart().path("items").size())
					.as("cart after a 201 whose outbox clean-up is frozen").isZero();
			// the checkouts freeze at their steps, the one inside the completing transaction last (it holds the SKU's
			// row lock until the kill); "resumed" freezes after its order insert, like the third, and is retried below
			List<String> firing = List.of("after-order-insert", "resumed", "after-charge", "before-completion-commit");
			for (int i = 0; i < firing.size(); i++) {
				String step = firing.get(i);
				String seam = step.equals("resumed") ? "after-order-insert" : step;
				String key = UUID.randomUUID().toString();
				keys.put(step, key);
				Shopper atChild = byStep.get(step).at(childPort);
				CompletableFuture.runAsync(() -> {
					try {
						atChild.checkout(key, Shopper.APPROVED_CARD, "seam:" + seam);
					}
					catch (RuntimeException e) { // the connection dies with the child
					}
				});
				int frozen = i + 1;
				await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
						.until(() -> CHECKOUT_FREEZES.matcher(Files.readString(log)).results().count() >= frozen);
			}
		}
		finally {
			child.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful anything
			child.waitFor(30, TimeUnit.SECONDS);
		}
		long killedAt = System.nanoTime();
		// the frozen projections did not write (seconds ago: long before their rows are stale and replayed here)
		assertThat(documents(orderOf(byProjection.get("before-order-document")))).as("document before the replay").isZero();
		assertThat(edges(orderOf(byProjection.get("before-purchased-edges")))).as("edges before the replay").isZero();

		// all four orders exist, pending, holding their units; two were charged at the provider
		List<String> orderIds = new ArrayList<>();
		byStep.forEach((step, shopper) -> orderIds.add(jdbc.sql("SELECT id::text FROM orders WHERE customer_id = ?")
				.param(shopper.id()).query(String.class).single()));
		assertThat(orderIds).allSatisfy(id -> assertThat(status(id)).isEqualTo("PAYMENT_PENDING"));
		assertThat(inventory.find(sku).orElseThrow()).extracting(StockLevel::onHand, StockLevel::reserved).containsExactly(10, 4);
		assertThat(ledger(orderIds.get(0))).isEqualTo("CHARGED");
		assertThat(ledger(orderIds.get(1))).isEqualTo("CHARGED");
		assertThat(ledger(orderIds.get(2))).isNull();

		// the customer retries with the same key: the pending order is resumed, charged once, completed
		ResponseEntity<JsonNode> retried = byStep.get("resumed").checkout(keys.get("resumed"), Shopper.APPROVED_CARD, "seam:after-order-insert");
		assertThat(retried.getStatusCode().value()).as(String.valueOf(retried.getBody())).isEqualTo(200);
		assertThat(retried.getBody().path("orderId").asString()).isEqualTo(orderIds.get(3));
		assertThat(retried.getBody().path("status").asString()).isEqualTo("COMPLETED");

		// an admin counts the shelves meanwhile: 50 units, the 3 still held among them
		assertThat(PolyshopHttp.admin(port).put().uri("/api/admin/products/{sku}/stock", sku).body(Map.of("onHand", 50))
				.retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(200);

		// within 60 s of the crash, the resolver has asked the provider about each of the others
		await().atMost(Duration.ofSeconds(60).minusNanos(System.nanoTime() - killedAt)).pollInterval(Duration.ofMillis(500))
				.until(() -> orderIds.stream().map(this::status).allMatch(s -> s.equals("COMPLETED") || s.equals("CANCELLED")));
		assertThat(status(orderIds.get(0))).as("charged, crashed before completing").isEqualTo("COMPLETED");
		assertThat(status(orderIds.get(1))).as("charged, crashed inside the completing transaction").isEqualTo("COMPLETED");
		assertThat(status(orderIds.get(2))).as("never charged").isEqualTo("CANCELLED");
		assertThat(ledger(orderIds.get(2))).as("voided, so no late charge can land").isEqualTo("VOIDED");

		// stock conserved: 50 counted, minus the two completed after the count, nothing added back by the cancellation
		assertThat(inventory.find(sku).orElseThrow()).extracting(StockLevel::onHand, StockLevel::reserved, StockLevel::available)
				.containsExactly(48, 0, 48);
		// money: a charge exactly for the completed orders, each charged once
		for (String id : orderIds) {
			boolean completed = status(id).equals("COMPLETED");
			assertThat("CHARGED".equals(ledger(id))).as("order %s is %s, ledger %s", id, status(id), ledger(id)).isEqualTo(completed);
		}
		assertThat(jdbc.sql("SELECT count(*) FROM simulated_payments WHERE order_id = ANY (?) AND state = 'CHARGED'")
				.param(orderIds.toArray(String[]::new)).query(Long.class).single()).isEqualTo(3);

		projectionsCutOffByTheCrashAreReplayed(byProjection);
	}

	private static final java.util.regex.Pattern CHECKOUT_FREEZES = java.util.regex.Pattern
			.compile("Frozen at fault seam (after-order-insert|after-charge|before-completion-commit)");

	/**
	 * The projections a crash cut off are replayed from the outbox: the dead instance's publications stay in progress
	 * until polyshop.outbox.stale-after (2 min), then the next resubmission round (every 15 s) delivers them. The
	 * incomplete rows are made 2 minutes older instead of waiting, so the replay must come within a round.
	 */
	private void projectionsCutOffByTheCrashAreReplayed(Map<String, Shopper> byProjection) {
		String withoutDocument = orderOf(byProjection.get("before-order-document"));
		String withoutEdges = orderOf(byProjection.get("before-purchased-edges"));
		assertThat(status(withoutDocument)).isEqualTo("COMPLETED");
		assertThat(status(withoutEdges)).isEqualTo("COMPLETED");

		jdbc.sql("""
				UPDATE event_publication SET publication_date = publication_date - INTERVAL '2 minutes',
				  last_resubmission_date = last_resubmission_date - INTERVAL '2 minutes'
				WHERE completion_date IS NULL""").update();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
				.until(() -> documents(withoutDocument) == 1 && edges(withoutEdges) == 1);
		assertThat(edges(withoutDocument)).isEqualTo(1);
		assertThat(documents(withoutEdges)).isEqualTo(1);
	}

	private String orderOf(Shopper shopper) {
		return jdbc.sql("SELECT id::text FROM orders WHERE customer_id = ?").param(shopper.id()).query(String.class).single();
	}

	private long documents(String orderId) {
		return mongo.count(Query.query(Criteria.where("_id").is(orderId).and("status").is("COMPLETED")), "orders");
	}

	private long edges(String orderId) {
		return neo4j.query("MATCH ()-[p:PURCHASED {orderId: $orderId}]->() RETURN count(p) AS edges").bind(orderId).to("orderId")
				.fetchAs(Long.class).one().orElse(0L);
	}

	private String status(String orderId) {
		return jdbc.sql("SELECT status FROM orders WHERE id = ?::uuid").param(orderId).query(String.class).single();
	}

	private String ledger(String orderId) {
		return jdbc.sql("SELECT state FROM simulated_payments WHERE order_id = ?").param(orderId).query(String.class).optional().orElse(null);
	}

	private Process startChild(int childPort, Path log) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "io.polyshop.PolyshopApplication",
				"--server.port=" + childPort, "--spring.main.banner-mode=off", "--polyshop.data-dir=" + childData.resolve("data"),
				"--polyshop.catalog.demo.enabled=false", "--polyshop.checkout.fault-seams=true",
				// on this instance's stores by URL: external to the child, so its gateway is chosen explicitly
				"--polyshop.payment.gateway=simulator",
				// the child's own resolver never runs: this instance is the one that must clean up after it
				"--polyshop.checkout.in-doubt-first-check=1h", "--polyshop.outbox.resubmit-interval=1h"));
		for (String property : List.of("polyshop.postgres.url", "polyshop.postgres.user", "polyshop.postgres.password", "polyshop.redis.url", "polyshop.mongodb.uri",
				"polyshop.neo4j.uri", "polyshop.neo4j.user", "polyshop.neo4j.password")) {
			command.add("--" + property + "=" + environment.getProperty(property, ""));
		}
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

	private static boolean answers(int port) {
		try {
			return PolyshopHttp.client(port).get().uri("/actuator/health").retrieve().toEntity(JsonNode.class).getStatusCode().value() == 200;
		}
		catch (RuntimeException e) {
			return false;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
