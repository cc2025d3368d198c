package io.polyshop.operations.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.polyshop.checkout.OrderSnapshot;
import io.polyshop.checkout.ShippingAddress;
import io.polyshop.shared.Money;

/**
 * Loads many completed orders at start-up, for load tests at shop scale ({@code polyshop.orders.generate}, e.g.
 * 1000000): the order rows, lines and status changes in PostgreSQL (one multi-row INSERT per table and batch), the order documents
 * (insertMany) and the PURCHASED edges (UNWIND batches) in the same shape the checkout and its projections write,
 * so the consistency check finds nothing to repair. Orders belong to generated customers ({@code gen-c-...}) and
 * name the load test's SKUs ({@code LT-...}); stock is not touched (these orders are history). Each batch is written
 * to the three stores in turn, with progress in the log; a run stopped half-way leaves whole batches in PostgreSQL
 * and possibly fewer in the projections, which the consistency check repairs. Every run adds new
 * orders (new ids; the run's start time is in the idempotency keys), so running it again adds as many more.
 */
@Component
class OrderGenerator implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(OrderGenerator.class);
	private static final int DOCUMENTS_PER_INSERT = 200;
	private static final ShippingAddress ADDRESS = new ShippingAddress("Generated Customer", "1 Load Street", "London",
			"SW1Y 4JH", "GB");

	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;
	private final MongoTemplate mongo;
	private final Neo4jClient neo4j;
	private final long count;
	private final int batchSize;
	private final int skus;
	private final boolean graph;
	private final Clock clock;

	OrderGenerator(JdbcClient jdbc, TransactionTemplate transaction, MongoTemplate mongo, Neo4jClient neo4j,
			@Value("${polyshop.orders.generate.count:0}") long count,
			@Value("${polyshop.orders.generate.batch-size:10000}") int batchSize,
			@Value("${polyshop.orders.generate.skus:200}") int skus,
			@Value("${polyshop.orders.generate.graph:true}") boolean graph, Clock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.transaction = transaction;
		this.mongo = mongo;
		this.neo4j = neo4j;
		this.count = count;
		this.batchSize = batchSize;
		this.skus = skus;
		this.graph = graph;
	}

	@Override
	public void run(ApplicationArguments arguments) throws Exception {
		if (count > 0) {
			generate();
		}
	}

	void generate() throws Exception {
		log.info("Generating {} completed orders over {} SKUs in batches of {} (multi-row INSERTs, document insertMany{})",
				count, skus, batchSize, graph ? ", PURCHASED edges in UNWIND batches" : "");
		long started = System.nanoTime();
		String run = Long.toString(clock.millis(), 36);
		Random random = new Random(System.nanoTime()); // new order ids on every run
		int customers = (int) Math.max(1, Math.min(count / 10, 1_000_000));
		Instant now = clock.instant();
		long written = 0;
		long nextReport = Math.max(count / 20, 1);
		Timings timings = new Timings();
		while (written < count) {
			int size = (int) Math.min(batchSize, count - written);
			List<OrderSnapshot> batch = new ArrayList<>(size);
			for (int i = 0; i < size; i++) {
				batch.add(order(random, customers, now));
			}
			long offset = written;
			timings.postgres += timed(() -> insertRows(batch, run, offset));
			timings.documents += timed(() -> insertDocuments(batch, now));
			if (graph) {
				timings.graph += timed(() -> purchases(batch));
			}
			written += size;
			if (written >= nextReport || written == count) {
				double seconds = (System.nanoTime() - started) / 1e9;
				log.info("Generated {} of {} orders ({}%), {} orders/s; PostgreSQL {} s, documents {} s, graph {} s", written,
						count, written * 100 / count, Math.round(written / seconds), timings.postgres / 1000,
						timings.documents / 1000, timings.graph / 1000);
				nextReport += Math.max(count / 20, 1);
			}
		}
		log.info("Generated {} orders in {} s", count, Duration.ofNanos(System.nanoTime() - started).toSeconds());
	}

	private static final class Timings {
		long postgres;
		long documents;
		long graph;
	}

	private interface Step {
		void run() throws Exception;
	}

	private static long timed(Step step) throws Exception {
		long start = System.nanoTime();
		step.run();
		return (System.nanoTime() - start) / 1_000_000;
	}

	/** A completed order of 1 to 3 lines, placed some time in the last year, as checkout would have written it. */
	private OrderSnapshot order(Random random, int customers, Instant now) {
		String id = new UUID(random.nextLong() & 0xffffffffffff0fffL | 0x4000L, random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L).toString();
		String customerId = "gen-c-%06d".formatted(random.nextInt(customers));
		int lineCount = Math.min(1 + random.nextInt(3), skus);
		List<OrderSnapshot.Line> lines = new ArrayList<>(lineCount);
		BigDecimal total = BigDecimal.ZERO.setScale(2);
		java.util.Set<Integer> picked = new java.util.HashSet<>(); // one line per SKU, as the cart makes them
		while (picked.size() < lineCount) {
			picked.add(random.nextInt(skus));
		}
		for (int index : picked) {
			String sku = "LT-%05d".formatted(index);
			int quantity = 1 + random.nextInt(3);
			BigDecimal price = BigDecimal.valueOf(5 + random.nextInt(40)).add(new BigDecimal("0.99"));
			BigDecimal lineTotal = price.multiply(BigDecimal.valueOf(quantity));
			total = total.add(lineTotal);
			lines.add(new OrderSnapshot.Line(sku, "Load test product " + sku, quantity, new Money(price, "EUR"),
					new Money(lineTotal, "EUR")));
		}
		Instant placed = now.minusSeconds(60 + random.nextInt(365 * 24 * 3600)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		return new OrderSnapshot(id, customerId, "COMPLETED", null, new Money(total, "EUR"), lines, ADDRESS,
				new OrderSnapshot.Payment("gen-" + id, "4242"),
				List.of(new OrderSnapshot.StatusChange("PLACED", null, placed),
						new OrderSnapshot.StatusChange("PAID", null, placed.plusMillis(40)),
						new OrderSnapshot.StatusChange("COMPLETED", null, placed.plusMillis(40))),
				placed, 1);
	}

	/**
	 * One multi-row INSERT per table for the whole batch (each column bound as one array and unnested: three statements
	 * whatever the batch size, without the driver-specific COPY API), in one transaction.
	 */
	private void insertRows(List<OrderSnapshot> batch, String run, long offset) {
		Columns orders = new Columns(16);
		Columns lines = new Columns(6);
		Columns changes = new Columns(5);
		for (int i = 0; i < batch.size(); i++) {
			OrderSnapshot order = batch.get(i);
			ShippingAddress ship = order.shippingAddress();
			orders.add(order.orderId(), order.customerId(), "gen-" + run + "-" + (offset + i), order.status(), null,
					order.total().currency(), order.total().amount(), ship.name(), ship.line1(), ship.city(), ship.postalCode(),
					ship.country(), order.payment().reference(), order.payment().cardLast4(), order.placedAt().toString(),
					order.version());
			for (int line = 0; line < order.lines().size(); line++) {
				OrderSnapshot.Line l = order.lines().get(line);
				lines.add(order.orderId(), line, l.sku(), l.title(), l.quantity(), l.unitPrice().amount());
			}
			for (int seq = 0; seq < order.timeline().size(); seq++) {
				OrderSnapshot.StatusChange change = order.timeline().get(seq);
				changes.add(order.orderId(), seq, change.status(), change.reason(), change.at().toString());
			}
		}
		transaction.executeWithoutResult(status -> {
			jdbc.sql("""
					INSERT INTO orders (id, customer_id, idempotency_key, status, cancel_reason, currency, total, ship_name,
					  ship_line1, ship_city, ship_postal_code, ship_country, payment_reference, card_last4, placed_at, version)
					SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::numeric[], ?::text[],
					  ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::int[])""")
					.params(orders.arrays()).update();
			jdbc.sql("""
					INSERT INTO order_lines (order_id, line_no, sku, title, quantity, unit_price)
					SELECT * FROM unnest(?::uuid[], ?::int[], ?::text[], ?::text[], ?::int[], ?::numeric[])""")
					.params(lines.arrays()).update();
			jdbc.sql("""
					INSERT INTO order_status_changes (order_id, seq, status, reason, changed_at)
					SELECT * FROM unnest(?::uuid[], ?::int[], ?::text[], ?::text[], ?::timestamptz[])""")
					.params(changes.arrays()).update();
		});
	}

	/** Column-wise values of many rows, each column bound as one array (as text: the SQL casts it). */
	private static final class Columns {

		private final List<List<String>> columns = new ArrayList<>();

		Columns(int count) {
			for (int i = 0; i < count; i++) {
				columns.add(new ArrayList<>());
			}
		}

		void add(Object... values) {
			for (int i = 0; i < values.length; i++) {
				columns.get(i).add(values[i] == null ? null : values[i].toString());
			}
		}

		Object[] arrays() {
			return columns.stream().map(column -> column.toArray(String[]::new)).toArray();
		}
	}

	/** The documents as the order projection writes them (its mapping of the same snapshot), in one insertMany. */
	private void insertDocuments(List<OrderSnapshot> batch, Instant now) {
		List<Document> documents = new ArrayList<>(batch.size());
		for (OrderSnapshot order : batch) {
			Document document = new Document();
			mongo.getConverter().write(order, document);
			document.remove("_class");
			Document withId = new Document("_id", document.remove("orderId"));
			withId.putAll(document);
			withId.put("projectedAt", java.util.Date.from(now));
			documents.add(withId);
		}
		// in slices: one insertMany the size of a whole batch can outlast the client's socket timeout on a busy machine
		for (int from = 0; from < documents.size(); from += DOCUMENTS_PER_INSERT) {
			mongo.getCollection("orders").insertMany(documents.subList(from, Math.min(documents.size(), from + DOCUMENTS_PER_INSERT)));
		}
	}

	/** PURCHASED edges as the social projection writes them, one UNWIND per batch; the edges are new, so CREATE. */
	private void purchases(List<OrderSnapshot> batch) {
		List<Map<String, Object>> rows = new ArrayList<>();
		for (OrderSnapshot order : batch) {
			for (OrderSnapshot.Line line : order.lines()) {
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("customer", order.customerId());
				row.put("orderId", order.orderId());
				row.put("sku", line.sku());
				row.put("title", line.title());
				row.put("quantity", line.quantity());
				row.put("at", order.placedAt().getEpochSecond());
				rows.add(row);
			}
		}
		neo4j.query("""
				UNWIND $rows AS row
				MERGE (c:Customer {id: row.customer})
				MERGE (p:Product {sku: row.sku}) ON CREATE SET p.title = row.title
				CREATE (c)-[:PURCHASED {orderId: row.orderId, sku: row.sku, at: datetime({epochSeconds: row.at}),
				  quantity: row.quantity}]->(p)""").bind(rows).to("rows").run();
	}
}
