package io.polyshop.checkout;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.UUID;

import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.ResponseEntity;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.polyshop.support.PolyshopInstance;
import io.polyshop.support.Products;
import io.polyshop.support.Shopper;
import tools.jackson.databind.JsonNode;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The document store goes away and comes back. Polyshop runs against a MongoDB-wire-protocol server this test
 * starts and stops itself (the same engine as the embedded one, its data on disk), the other stores embedded.
 */
@Tag("integration")
class OrderProjectionFaultTests {

	@TempDir
	Path dataDirectory;

	@TempDir
	Path mongoDirectory;

	private final int mongoPort = freePort();
	private MongoServer mongo;
	private H2Backend mongoBackend;

	@AfterEach
	void stopMongo() {
		stopMongoServer();
	}

	/**
	 * Two outages on one instance (a start on empty stores is 10 s and more of a 2-core machine): first the document
	 * store is down during a checkout and comes back while the application runs; then it is down during a checkout
	 * and the application goes down before any retry.
	 */
	@Test
	void anOrderDocumentMissedWhileMongoWasDownAppearsOnceItIsBack_orAfterARestartWhenTheAppWentDownFirst() {
		startMongoServer();
		String orderId;
		try (ConfigurableApplicationContext app = startPolyshop()) {
			int port = PolyshopInstance.port(app);
			Shopper shopper = readyToCheckOut(port);

			// checkout succeeds while Mongo is down, and the order document appears once it is back
			stopMongoServer();
			ResponseEntity<JsonNode> answer = shopper.checkout(UUID.randomUUID().toString(), Shopper.APPROVED_CARD);
			assertThat(answer.getStatusCode().value()).isEqualTo(201);
			String whileRunning = answer.getBody().path("orderId").asString();

			startMongoServer();
			MongoTemplate documents = app.getBean(MongoTemplate.class);
			await().atMost(java.time.Duration.ofSeconds(30)).until(() -> documents.count(completed(whileRunning), "orders") == 1);
			assertThat(documents.count(Query.query(Criteria.where("_id").is(whileRunning)), "orders")).isEqualTo(1);

			// a crash after the commit and before the projection is caught up after restart
			Shopper another = readyToCheckOut(port);
			stopMongoServer(); // the projection listener fails after the PostgreSQL commit...
			answer = another.checkout(UUID.randomUUID().toString(), Shopper.APPROVED_CARD);
			assertThat(answer.getStatusCode().value()).isEqualTo(201);
			orderId = answer.getBody().path("orderId").asString();
		} // ...and the application goes down before any retry

		startMongoServer();
		try (ConfigurableApplicationContext restarted = startPolyshop()) {
			MongoTemplate documents = restarted.getBean(MongoTemplate.class);
			await().atMost(java.time.Duration.ofSeconds(30)).until(() -> documents.count(completed(orderId), "orders") == 1);
		}
	}

	private static Query completed(String orderId) {
		return Query.query(Criteria.where("_id").is(orderId).and("status").is("COMPLETED"));
	}

	private ConfigurableApplicationContext startPolyshop() {
		return PolyshopInstance.start(dataDirectory,
				"--polyshop.mongodb.uri=mongodb://127.0.0.1:" + mongoPort + "/polyshop",
				"--polyshop.mongodb.timeout=1s",
				"--polyshop.catalog.demo.enabled=false",
				"--polyshop.outbox.resubmit-interval=1s",
				"--polyshop.outbox.resubmit-min-age=1s",
				"--polyshop.admin.email=" + io.polyshop.support.PolyshopHttp.ADMIN_EMAIL,
				"--polyshop.admin.password=" + io.polyshop.support.PolyshopHttp.ADMIN_PASSWORD);
	}

	private static Shopper readyToCheckOut(int port) {
		String sku = Products.create(port, "42.00", 3);
		Shopper shopper = Shopper.register(port, "Patient");
		assertThat(shopper.putInCart(sku, 1).getStatusCode().value()).isEqualTo(200);
		return shopper;
	}

	private void startMongoServer() {
		MVStore store = new MVStore.Builder().fileName(mongoDirectory.resolve("orders.mv").toString()).open();
		mongoBackend = new H2Backend(store);
		mongo = new MongoServer(mongoBackend);
		mongo.bind("127.0.0.1", mongoPort);
	}

	private void stopMongoServer() {
		if (mongo != null) {
			mongo.shutdownNow();
			mongoBackend.close();
			mongo = null;
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}
}
