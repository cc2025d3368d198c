package io.polyshop.audit;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.micrometer.core.instrument.MeterRegistry;
import io.polyshop.search.internal.SearchIndexDrift;
import io.polyshop.support.PolyshopHttp;
import io.polyshop.support.PolyshopIntegrationTest;
import io.polyshop.support.Products;
import io.polyshop.support.Shopper;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every kind of drift, injected by hand into every store, is found by the audit (all of it, no more) and repaired
 * where the source of truth is clear; a second run finds nothing.
 */
@PolyshopIntegrationTest
class AuditTests {

	@LocalServerPort
	int port;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	Neo4jClient neo4j;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	@Autowired
	ApplicationContext context;

	@Test
	void findsEveryInjectedDriftAndRepairsWhatItShould() {
		String sku = Products.create(port, "7.00", 100);
		String dropped = Products.create(port, "9.00", 5);
		String repriced = Products.create(port, "4.00", 5);
		Shopper buyer = Shopper.register(port, "Auditee");
		Shopper referrer = Shopper.register(port, "Referrer");
		String referred = registerReferredBy(referrer);
		Shopper loner = Shopper.register(port, "Loner");
		List<String> orders = List.of(order(buyer, sku, 1), order(buyer, sku, 2), order(buyer, sku, 3), order(buyer, sku, 1));
		await().atMost(Duration.ofSeconds(30)).until(() -> orders.stream().allMatch(this::fullyProjected)
				&& nodeExists(loner.id()) && referrers(referred).equals(List.of(referrer.id()))
				&& SearchIndexDrift.indexedPrice(context, dropped) != null && SearchIndexDrift.indexedPrice(context, repriced) != null);
		JsonNode baseline = audit(); // whatever earlier tests left (in flight, or injected) is repaired first
		assertThat(baseline.path("status").asString()).isEqualTo("DONE");
		// report-only invariants keep what other tests of this shared context left (stock rows made through the
		// inventory API alone, say): what this test injects comes on top
		long catalogStockBefore = drifted(baseline, "catalog-stock");
		// reserved-stock repairs what it can: what the baseline left unrepaired stays
		long reservedStockBefore = drifted(baseline, "reserved-stock") - repaired(baseline, "reserved-stock");

		// document store: a missing order document, a stale version, a wrong status, wrong lines, an orphan
		mongo.remove(Query.query(Criteria.where("_id").is(orders.get(0))), "orders");
		mongo.updateFirst(Query.query(Criteria.where("_id").is(orders.get(1))), new Update().set("version", 99), "orders");
		mongo.updateFirst(Query.query(Criteria.where("_id").is(orders.get(2))), new Update().set("status", "PLACED"), "orders");
		mongo.updateFirst(Query.query(Criteria.where("_id").is(orders.get(3))), new Update().set("lines.0.quantity", 7), "orders");
		String orphanOrder = UUID.randomUUID().toString();
		mongo.insert(new Document("_id", orphanOrder).append("customerId", buyer.id()).append("status", "COMPLETED").append("version", 3), "orders");
		// graph: a dropped PURCHASED edge, an orphan one, a dropped Customer node, an orphan node, a dropped and an extra REFERRED edge
		neo4j.query("MATCH ()-[p:PURCHASED {orderId: $id}]->() DELETE p").bind(orders.get(0)).to("id").run();
		neo4j.query("MATCH (c:Customer {id: $customer}) MERGE (p:Product {sku: $sku}) MERGE (c)-[:PURCHASED {orderId: $order, sku: $sku, quantity: 1}]->(p)")
				.bindAll(Map.of("customer", buyer.id(), "sku", sku, "order", UUID.randomUUID().toString())).run();
		neo4j.query("MATCH (c:Customer {id: $id}) DETACH DELETE c").bind(loner.id()).to("id").run();
		String orphanNode = UUID.randomUUID().toString();
		neo4j.query("CREATE (:Customer {id: $id, name: 'Nobody'})").bind(orphanNode).to("id").run();
		neo4j.query("MATCH (:Customer)-[e:REFERRED]->(:Customer {id: $id}) DELETE e").bind(referred).to("id").run();
		neo4j.query("MATCH (a:Customer {id: $a}), (b:Customer {id: $b}) MERGE (a)-[:REFERRED]->(b)")
				.bindAll(Map.of("a", referrer.id(), "b", buyer.id())).run();
		// Redis: a completed order's lines left in the cart
		String cart = "cart:{customer:" + buyer.id() + "}";
		redis.opsForHash().put(cart, sku, "2");
		redis.opsForSet().remove(cart + ":checked-out", orders.get(1));
		// PostgreSQL: reserved units that no open order holds (this SKU's orders are all completed)
		jdbc.sql("UPDATE stock_item SET reserved = reserved + 2 WHERE sku = ?").param(sku).update();
		// search index: a product dropped from it, a SKU that is no product, a stale price (on SKUs whose stock row
		// nothing changes meanwhile: the feed would index them again)
		SearchIndexDrift.remove(context, dropped);
		String orphanSku = "AUDIT-IDX-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
		SearchIndexDrift.addOrphan(context, orphanSku);
		SearchIndexDrift.setIndexedPrice(context, repriced, new BigDecimal("4.50"));
		// catalog ↔ stock, both ways (reported, never repaired)
		String rowOnly = "AUDIT-ROW-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
		jdbc.sql("INSERT INTO stock_item (sku, price_amount, price_currency, on_hand) VALUES (?, 1, 'EUR', 1)").param(rowOnly).update();
		String documentOnly = "AUDIT-DOC-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
		mongo.insert(new Document("_id", documentOnly).append("title", "No stock").append("published", true), "products");

		try {
			JsonNode report = audit();

			assertThat(report.path("status").asString()).isEqualTo("DONE");
			assertInvariant(report, "order-documents", 5, 5);
			assertInvariant(report, "purchased-edges", 2, 2);
			assertInvariant(report, "customer-nodes", 2, 2);
			assertInvariant(report, "referral-edges", 2, 2);
			assertInvariant(report, "carts-cleaned", 1, 1);
			assertInvariant(report, "reserved-stock", reservedStockBefore + 1, 1);
			assertInvariant(report, "search-index", 3, 3);
			assertInvariant(report, "catalog-stock", catalogStockBefore + 2, 0);
			assertThat(meters.get("polyshop.audit.drifted").tag("invariant", "order-documents").gauge().value()).isEqualTo(5);

			// repaired for real, in every store
			assertThat(orders).allMatch(this::fullyProjected);
			assertThat(mongo.findById(orders.get(3), Document.class, "orders").getList("lines", Document.class).get(0)
					.getInteger("quantity")).isEqualTo(1);
			assertThat(mongo.findById(orphanOrder, Document.class, "orders")).isNull();
			assertThat(nodeExists(loner.id())).isTrue();
			assertThat(nodeExists(orphanNode)).isFalse();
			assertThat(referrers(referred)).containsExactly(referrer.id());
			assertThat(referrers(buyer.id())).isEmpty();
			assertThat(redis.opsForHash().get(cart, sku)).isNull();
			assertThat(jdbc.sql("SELECT reserved FROM stock_item WHERE sku = ?").param(sku).query(Integer.class).single()).isZero();
			assertThat(SearchIndexDrift.indexedPrice(context, dropped)).isEqualTo(900L);
			assertThat(SearchIndexDrift.indexedPrice(context, orphanSku)).isNull();
			assertThat(SearchIndexDrift.indexedPrice(context, repriced)).isEqualTo(400L);

			JsonNode again = audit();
			for (JsonNode invariant : again.path("invariants")) {
				String name = invariant.path("invariant").asString();
				long expected = name.equals("catalog-stock") ? catalogStockBefore + 2 : name.equals("reserved-stock") ? reservedStockBefore : 0;
				assertThat(invariant.path("drifted").asLong()).as(invariant.toString()).isEqualTo(expected);
			}
		}
		finally {
			jdbc.sql("DELETE FROM price_history WHERE sku = ?").param(rowOnly).update();
			jdbc.sql("DELETE FROM stock_item WHERE sku = ?").param(rowOnly).update();
			mongo.remove(Query.query(Criteria.where("_id").is(documentOnly)), "products");
		}
	}

	@Test
	void aLongRunAnswers202WithItsStatusUrlAndTheConsoleShowsTheLastReport() {
		ResponseEntity<JsonNode> started = PolyshopHttp.admin(port).post().uri("/api/admin/audit?wait=PT0S&repair=false")
				.retrieve().toEntity(JsonNode.class);
		assertThat(started.getStatusCode().value()).isIn(200, 202);
		if (started.getStatusCode().value() == 202) {
			String location = started.getHeaders().getLocation().toString();
			assertThat(location).startsWith("/api/admin/audit/runs/");
			await().atMost(Duration.ofSeconds(60)).until(() -> !PolyshopHttp.admin(port).get().uri(location).retrieve()
					.body(JsonNode.class).path("status").asString().equals("RUNNING"));
		}
		JsonNode last = PolyshopHttp.admin(port).get().uri("/api/admin/audit").retrieve().body(JsonNode.class);
		assertThat(last.path("invariants").size()).isEqualTo(8);
		assertThat(PolyshopHttp.client(port).post().uri("/api/admin/audit").retrieve().toBodilessEntity().getStatusCode().value())
				.as("admins only").isEqualTo(401);
		assertThat(PolyshopHttp.admin(port).get().uri("/api/admin/audit/runs/nope").retrieve().toEntity(JsonNode.class)
				.getStatusCode().value()).isEqualTo(404);
	}

	private JsonNode audit() {
		ResponseEntity<JsonNode> response = PolyshopHttp.admin(port).post().uri("/api/admin/audit?wait=PT60S").retrieve()
				.toEntity(JsonNode.class);
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		return response.getBody();
	}

	private static long drifted(JsonNode report, String name) {
		for (JsonNode invariant : report.path("invariants")) {
			if (invariant.path("invariant").asString().equals(name)) {
				return invariant.path("drifted").asLong();
			}
		}
		throw new AssertionError("no invariant " + name + " in " + report);
	}

	private static long repaired(JsonNode report, String name) {
		for (JsonNode invariant : report.path("invariants")) {
			if (invariant.path("invariant").asString().equals(name)) {
				return invariant.path("repaired").asLong();
			}
		}
		throw new AssertionError("no invariant " + name + " in " + report);
	}

	private static void assertInvariant(JsonNode report, String name, long drifted, long repaired) {
		for (JsonNode invariant : report.path("invariants")) {
			if (invariant.path("invariant").asString().equals(name)) {
				assertThat(invariant.path("error").isMissingNode() || invariant.path("error").isNull()).as(invariant.toString()).isTrue();
				assertThat(invariant.path("drifted").asLong()).as(invariant.toString()).isEqualTo(drifted);
				assertThat(invariant.path("repaired").asLong()).as(invariant.toString()).isEqualTo(repaired);
				assertThat(invariant.path("checked").asLong()).as(invariant.toString()).isGreaterThanOrEqualTo(drifted);
				return;
			}
		}
		throw new AssertionError("no invariant " + name + " in " + report);
	}

	private String registerReferredBy(Shopper referrer) {
		String code = jdbc.sql("SELECT referral_code FROM customers WHERE id = ?::uuid").param(referrer.id()).query(String.class).single();
		Map<String, String> body = new HashMap<>(Map.of("email", "referred-" + UUID.randomUUID() + "@shoppers.test",
				"password", "correct horse battery " + UUID.randomUUID(), "name", "Referred", "referralCode", code));
		return PolyshopHttp.client(port).post().uri("/api/customers").body(body).retrieve().body(JsonNode.class).path("id").asString();
	}

	private String order(Shopper shopper, String sku, int quantity) {
		shopper.putInCart(sku, quantity);
		return shopper.checkout(UUID.randomUUID().toString(), Shopper.APPROVED_CARD).getBody().path("orderId").asString();
	}

	private boolean fullyProjected(String orderId) {
		Document document = mongo.findById(orderId, Document.class, "orders");
		Long edges = neo4j.query("MATCH ()-[p:PURCHASED {orderId: $id}]->() RETURN count(p)").bind(orderId).to("id")
				.fetchAs(Long.class).one().orElse(0L);
		return document != null && "COMPLETED".equals(document.getString("status")) && edges > 0;
	}

	private boolean nodeExists(String id) {
		return neo4j.query("MATCH (c:Customer {id: $id}) RETURN count(c)").bind(id).to("id").fetchAs(Long.class).one().orElse(0L) > 0;
	}

	private List<String> referrers(String id) {
		return List.copyOf(neo4j.query("MATCH (r:Customer)-[:REFERRED]->(:Customer {id: $id}) RETURN r.id").bind(id).to("id")
				.fetchAs(String.class).all());
	}
}
