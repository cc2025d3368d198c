package io.polyshop.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.zaxxer.hikari.HikariDataSource;

import io.polyshop.inventory.Inventory;
import io.polyshop.inventory.StockLevel;
import io.polyshop.stores.Store;
import io.polyshop.stores.internal.EngineFaults;
import io.polyshop.support.PolyshopIntegrationTest;
import io.polyshop.support.Products;
import io.polyshop.support.Shopper;
import tools.jackson.databind.JsonNode;

/**
 * kill -9 of the embedded PostgreSQL's postmaster while customers check out. Supervision restarts it (crash recovery
 * replays the write-ahead log); afterwards every order answered 201 must be there: its row COMPLETED, its charge in
 * the provider's ledger and its order document projected. Every order the crash left in doubt ends COMPLETED or
 * CANCELLED, with money and stock in step.
 * <p>
 * {@code POLYSHOP_TEST_WEAKEN_POSTGRES=true} runs the same check once with durability deliberately weakened
 * ({@code synchronous_commit=off} for the shop's sessions, the WAL writer asleep for 10 s; {@code async-commit-only}:
 * {@code synchronous_commit=off} alone, as zonky's defaults had it), to see the check catch what that loses;
 * docs/consistency.md says what was observed.
 */
@PolyshopIntegrationTest
class PostgresKilledUnderLoadTests {

	private static final Logger log = LoggerFactory.getLogger(PostgresKilledUnderLoadTests.class);
	private static final int SHOPPERS = 6;
	private static final int STOCK = 10_000;

	@LocalServerPort
	int port;

	@Value("${polyshop.data-dir.resolved}")
	Path dataDirectory;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	Inventory inventory;

	@Autowired
	MongoTemplate documents;

	@Test
	void everyOrderAnswered201IsThereAfterPostgresWasKilledUnderLoad() throws Exception {
		String sku = Products.create(port, "3.00", STOCK);
		List<Shopper> shoppers = new ArrayList<>();
		for (int i = 0; i < SHOPPERS; i++) {
			shoppers.add(Shopper.register(port, "Under load " + i));
		}
		String weakening = System.getenv().getOrDefault("POLYSHOP_TEST_WEAKEN_POSTGRES", "");
		boolean weakened = !weakening.isEmpty();
		if (weakened) {
			weakenDurability(true, weakening.equals("async-commit-only"));
		}

		Map<String, Integer> acknowledged = new ConcurrentHashMap<>(); // order id -> units, for every 201
		AtomicInteger failed = new AtomicInteger();
		AtomicBoolean running = new AtomicBoolean(true);
		ExecutorService load = Executors.newFixedThreadPool(SHOPPERS);
		for (Shopper shopper : shoppers) {
			load.submit(() -> checkOutUntilStopped(shopper, sku, running, acknowledged, failed));
		}
		long pid;
		try {
			await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 10); // load is flowing
			pid = EngineFaults.kill(dataDirectory, Store.POSTGRES);
			int atKill = acknowledged.size();
			// supervision restarts it; the shop checks out again by itself
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> acknowledged.size() >= atKill + 10);
			log.info("PostgreSQL (pid {}) killed after {} acknowledged checkouts; {} acknowledged in all, {} refused or cut off",
					pid, atKill, acknowledged.size(), failed.get());
		}
		finally {
			running.set(false);
			load.shutdown();
			load.awaitTermination(30, TimeUnit.SECONDS);
			if (weakened) {
				weakenDurability(false, false);
			}
		}
		assertThat(EngineFaults.pid(dataDirectory, Store.POSTGRES)).as("restarted by supervision").isNotEqualTo(pid);

		// every 201 is in PostgreSQL, completed and charged
		Set<String> missing = acknowledged.keySet().stream().filter(id -> status(id) == null).collect(Collectors.toSet());
		assertThat(missing).as("orders answered 201 but absent after the crash").isEmpty();
		List<String> customers = shoppers.stream().map(Shopper::id).toList();
		// every order the crash left in doubt is settled (in-doubt-after 20 s + interval 2 s in the tests)
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> jdbc
				.sql("SELECT count(*) FROM orders WHERE customer_id = ANY (?) AND status NOT IN ('COMPLETED', 'CANCELLED')")
				.param(customers.toArray(String[]::new)).query(Long.class).single() == 0);
		assertThat(acknowledged.keySet()).allSatisfy(id -> {
			assertThat(status(id)).as("order %s was answered 201", id).isEqualTo("COMPLETED");
			assertThat(ledger(id)).as("charge of order %s", id).isEqualTo("CHARGED");
		});
		// money: a charge exactly for the completed orders; stock: the completed units left the shelf, nothing held
		List<Map<String, Object>> orders = jdbc.sql("""
				SELECT o.id::text AS id, o.status, p.state AS ledger FROM orders o LEFT JOIN simulated_payments p ON p.order_id = o.id::text
				WHERE o.customer_id = ANY (?)""").param(customers.toArray(String[]::new)).query().listOfRows();
		assertThat(orders).allSatisfy(order -> assertThat("CHARGED".equals(order.get("ledger")))
				.as("order %s", order).isEqualTo("COMPLETED".equals(order.get("status"))));
		int completedUnits = jdbc.sql("""
				SELECT coalesce(sum(l.quantity), 0) FROM order_lines l JOIN orders o ON o.id = l.order_id
				WHERE o.status = 'COMPLETED' AND l.sku = ?""").param(sku).query(Integer.class).single();
		assertThat(inventory.find(sku).orElseThrow()).extracting(StockLevel::onHand, StockLevel::reserved)
				.containsExactly(STOCK - completedUnits, 0);

		// and every acknowledged order's document is projected, replayed from the outbox where the crash cut it off. A
		// listener cut off by the crash could not even mark its publication failed (PostgreSQL was gone): the row stays
		// in progress until polyshop.outbox.stale-after (2 min), then the next resubmission round (15 s) delivers it.
		// Rather than wait those 2 minutes, the incomplete rows are made that much older, as if the time had passed.
		int aged = jdbc.sql("""
				UPDATE event_publication SET publication_date = publication_date - INTERVAL '2 minutes',
				  last_resubmission_date = last_resubmission_date - INTERVAL '2 minutes'
				WHERE completion_date IS NULL""").update();
		log.info("{} incomplete event publications aged by stale-after", aged);
		await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(acknowledged.keySet())
				.allSatisfy(id -> assertThat(documents.count(Query.query(Criteria.where("_id").is(id).and("status").is("COMPLETED")), "orders"))
						.as("document of order %s", id).isEqualTo(1)));
	}

	private void checkOutUntilStopped(Shopper shopper, String sku, AtomicBoolean running, Map<String, Integer> acknowledged,
			AtomicInteger failed) {
		for (int round = 0; running.get(); round++) {
			int units = 1 + round % 3; // other contents each round: the previous order's claim on the cart may still hold
			try {
				if (shopper.putInCart(sku, units).getStatusCode().value() != 200) {
					failed.incrementAndGet();
					pause();
					continue;
				}
				ResponseEntity<JsonNode> answer = shopper.checkout(UUID.randomUUID().toString(), Shopper.APPROVED_CARD);
				if (answer.getStatusCode().value() == 201) {
					acknowledged.put(answer.getBody().path("orderId").asString(), units);
				}
				else {
					failed.incrementAndGet();
				}
			}
			catch (RuntimeException e) { // the connection was cut: not acknowledged
				failed.incrementAndGet();
				pause();
			}
		}
	}

	private static void pause() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The deliberate weakening: commits acknowledged before their WAL is written (session setting of the shop's
	 * database, which outranks the server's command line) and the WAL writer flushing only every 10 s.
	 */
	private void weakenDurability(boolean weaken, boolean asyncCommitOnly) throws java.sql.SQLException {
		if (weaken) {
			jdbc.sql("ALTER DATABASE postgres SET synchronous_commit = off").update();
			if (!asyncCommitOnly) {
				jdbc.sql("ALTER SYSTEM SET wal_writer_delay = '10s'").update();
			}
		}
		else {
			await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
				jdbc.sql("ALTER DATABASE postgres RESET synchronous_commit").update();
				jdbc.sql("ALTER SYSTEM RESET wal_writer_delay").update();
				return true;
			});
		}
		jdbc.sql("SELECT pg_reload_conf()").query().singleValue();
		dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections(); // new sessions take the setting
		log.warn("PostgreSQL durability {}", weaken ? "WEAKENED for this run" : "restored");
	}

	private String status(String orderId) {
		return jdbc.sql("SELECT status FROM orders WHERE id = ?::uuid").param(orderId).query(String.class).optional().orElse(null);
	}

	private String ledger(String orderId) {
		return jdbc.sql("SELECT state FROM simulated_payments WHERE order_id = ?").param(orderId).query(String.class).optional().orElse(null);
	}
}
