package io.polyshop.checkout;

import java.time.Duration;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import io.polyshop.support.PolyshopHttp;
import io.polyshop.support.PolyshopIntegrationTest;
import io.polyshop.support.Products;
import io.polyshop.support.Shopper;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Drift between the order rows and their documents is found and repaired, and the report says so. */
@PolyshopIntegrationTest
class OrderDocumentsCheckTests {

	@LocalServerPort
	int port;

	@Autowired
	MongoTemplate mongo;

	@Test
	void aMissingAndAStaleDocumentAreRepaired() {
		String sku = Products.create(port, "11.00", 10);
		Shopper shopper = Shopper.register(port, "Drifter");
		String lost = order(shopper, sku);
		String stale = order(shopper, sku);
		await().atMost(Duration.ofSeconds(30)).until(() -> isCompleted(lost) && isCompleted(stale));

		mongo.remove(Query.query(Criteria.where("_id").is(lost)), "orders");
		mongo.updateFirst(Query.query(Criteria.where("_id").is(stale)),
				new Update().set("status", "PLACED").set("version", 0), "orders");

		JsonNode report = PolyshopHttp.admin(port).post().uri("/api/admin/consistency/orders").retrieve().body(JsonNode.class);

		assertThat(report.path("missing").asLong()).isGreaterThanOrEqualTo(1);
		assertThat(report.path("stale").asLong()).isGreaterThanOrEqualTo(1);
		assertThat(report.path("repaired").asLong()).isEqualTo(report.path("missing").asLong() + report.path("stale").asLong());
		assertThat(isCompleted(lost)).isTrue();
		assertThat(isCompleted(stale)).isTrue();
		assertThat(PolyshopHttp.client(port).post().uri("/api/admin/consistency/orders").retrieve().toBodilessEntity()
				.getStatusCode().value()).as("admins only").isEqualTo(401);
	}

	private static String order(Shopper shopper, String sku) {
		shopper.putInCart(sku, 1);
		return shopper.checkout(UUID.randomUUID().toString(), Shopper.APPROVED_CARD).getBody().path("orderId").asString();
	}

	private boolean isCompleted(String orderId) {
		Document document = mongo.findById(orderId, Document.class, "orders");
		return document != null && "COMPLETED".equals(document.getString("status"));
	}
}
