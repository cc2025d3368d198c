package io.polyshop.operations;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.polyshop.PolyshopApplication;
import io.polyshop.operations.internal.backup.Archives;
import io.polyshop.operations.internal.backup.Manifest;
import io.polyshop.operations.internal.backup.StoreRestore;
import io.polyshop.operations.internal.backup.StoresNotEmpty;
import io.polyshop.support.PolyshopHttp;
import io.polyshop.support.PolyshopInstance;
import io.polyshop.support.PolyshopIntegrationTest;
import io.polyshop.support.Products;
import io.polyshop.support.Shopper;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A backup taken while checkouts keep running restores into a fresh data directory as one point in time: every
 * order acknowledged before the backup started is in every store, counts match the archive, the audit finds no
 * drift. A damaged archive and a non-empty target are refused with nothing written.
 */
@PolyshopIntegrationTest
class BackupRestoreTests {

	@LocalServerPort
	int port;

	@Autowired
	StoreRestore storeRestore;

	@TempDir
	Path temporary;

	@Test
	void aBackupUnderLoadRestoresToOnePointInTimeWithNoDrift() throws Exception {
		long catalogStockDrift;
		String sku = Products.create(port, "5.00", 10_000);
		Shopper shopper = Shopper.register(port, "Backed Up");
		List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
		for (int i = 0; i < 5; i++) {
			acknowledged.add(order(shopper, sku));
		}
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicLong placedDuringBackup = new AtomicLong();
		Thread checkouts = new Thread(() -> {
			Shopper busy = Shopper.register(port, "Busy");
			while (running.get()) {
				acknowledged.add(order(busy, sku));
				placedDuringBackup.incrementAndGet();
			}
		});
		checkouts.start();
		List<String> before;
		JsonNode done;
		try {
			await().atMost(Duration.ofSeconds(20)).until(() -> placedDuringBackup.get() >= 2);
			before = List.copyOf(acknowledged); // all acknowledged before the backup's snapshot can be taken
			// catalog ↔ stock drift is reported, never repaired (each side is its own truth): whatever earlier tests of
			// this shared context left must come back as it was, no more, no less
			catalogStockDrift = PolyshopHttp.admin(port).post().uri("/api/admin/audit?wait=PT60S&repair=false").retrieve()
					.body(JsonNode.class).path("invariants").valueStream()
					.filter(invariant -> invariant.path("invariant").asString().equals("catalog-stock")).findFirst().orElseThrow()
					.path("drifted").asLong();
			ResponseEntity<JsonNode> started = PolyshopHttp.admin(port).post().uri("/api/admin/backups").retrieve().toEntity(JsonNode.class);
			assertThat(started.getStatusCode().value()).isEqualTo(202);
			String status = started.getHeaders().getLocation().toString();
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> !PolyshopHttp.admin(port).get()
					.uri(status).retrieve().body(JsonNode.class).path("status").asString().equals("RUNNING"));
			done = PolyshopHttp.admin(port).get().uri(status).retrieve().body(JsonNode.class);
			await().atMost(Duration.ofSeconds(20)).until(() -> placedDuringBackup.get() >= 4); // still taking orders
		}
		finally {
			running.set(false);
			checkouts.join(30_000);
		}
		assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("DONE");
		Path archive = Path.of(done.path("archive").asString());
		assertThat(done.path("sha256").asString()).isEqualTo(Archives.sha256Of(archive));
		Manifest manifest = Archives.verify(archive);

		// a truncated archive is refused before anything starts: no data directory is even created
		Path truncated = temporary.resolve("truncated.zip");
		byte[] whole = Files.readAllBytes(archive);
		Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
		Path untouched = temporary.resolve("untouched");
		assertThat(command("restore", "--from", truncated.toString(), "--polyshop.data-dir=" + untouched)).contains("Refused, nothing written");
		assertThat(untouched).doesNotExist();
		// stores that hold data are refused (here: the running shop's own), and keep what they hold
		assertThatThrownBy(() -> storeRestore.restore(archive, manifest, false, line -> {
		})).isInstanceOf(StoresNotEmpty.class);

		Path fresh = temporary.resolve("restored");
		String output = command("restore", "--from", archive.toString(), "--polyshop.data-dir=" + fresh);
		assertThat(output).contains("Restored: records per store");

		try (ConfigurableApplicationContext restored = PolyshopInstance.start(fresh,
				"--polyshop.admin.email=" + PolyshopHttp.ADMIN_EMAIL, "--polyshop.admin.password=" + PolyshopHttp.ADMIN_PASSWORD)) {
			JdbcClient jdbc = restored.getBean(JdbcClient.class);
			MongoTemplate mongo = restored.getBean(MongoTemplate.class);
			Neo4jClient neo4j = restored.getBean(Neo4jClient.class);
			for (String orderId : before) {
				assertThat(jdbc.sql("SELECT status FROM orders WHERE id = ?::uuid").param(orderId).query(String.class).optional())
						.as("order row " + orderId).contains("COMPLETED");
				Document document = mongo.findById(orderId, Document.class, "orders");
				assertThat(document).as("order document " + orderId).isNotNull();
				assertThat(document.getString("status")).isEqualTo("COMPLETED");
				assertThat(neo4j.query("MATCH ()-[p:PURCHASED {orderId: $id}]->() RETURN count(p)").bind(orderId).to("id")
						.fetchAs(Long.class).one()).as("PURCHASED edge " + orderId).contains(1L);
			}
			long orders = jdbc.sql("SELECT count(*) FROM orders").query(Long.class).single();
			assertThat(orders).isEqualTo(records(manifest, "postgres/orders.csv"));
			assertThat(mongo.getCollection("orders").countDocuments()).isEqualTo(orders);
			assertThat(jdbc.sql("SELECT count(*) FROM customers").query(Long.class).single())
					.isEqualTo(records(manifest, "postgres/customers.csv"));
			assertThat(mongo.getCollection("products").countDocuments()).isEqualTo(records(manifest, "mongodb/products.jsonl"));

			JsonNode audit = PolyshopHttp.admin(PolyshopInstance.port(restored)).post().uri("/api/admin/audit?wait=PT60S").retrieve()
					.body(JsonNode.class);
			assertThat(audit.path("status").asString()).isEqualTo("DONE");
			for (JsonNode invariant : audit.path("invariants")) {
				long expected = invariant.path("invariant").asString().equals("catalog-stock") ? catalogStockDrift : 0;
				assertThat(invariant.path("drifted").asLong()).as(invariant.toString()).isEqualTo(expected);
			}
		}
	}

	private static long records(Manifest manifest, String entry) {
		return manifest.entries().stream().filter(e -> e.name().equals(entry)).findFirst().orElseThrow().records();
	}

	private static String command(String... args) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		StoreCommands.run(PolyshopApplication.class, args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
		return bytes.toString(StandardCharsets.UTF_8);
	}

	private static String order(Shopper shopper, String sku) {
		shopper.putInCart(sku, 1);
		return shopper.checkout(UUID.randomUUID().toString(), Shopper.APPROVED_CARD).getBody().path("orderId").asString();
	}
}
