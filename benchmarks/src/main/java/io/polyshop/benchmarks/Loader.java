package io.polyshop.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.neo4j.driver.Session;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Loads the generated shop into both sides once (the four stores in parallel), then VACUUM ANALYZE on PostgreSQL and
 * the app's indexes on the document store. Loading is not measured. Writes the session ids each side created.
 */
final class Loader {

	private final Dataset data;
	private final Path dataDirectory;

	Loader(Dataset data, Path dataDirectory) {
		this.data = data;
		this.dataDirectory = dataDirectory;
	}

	/** The four loads, each done once per data directory and marked done by a file of its own. */
	enum Store {
		POSTGRES, DOCUMENTS, GRAPH, REDIS;

		Path marker(Path dataDirectory) {
			return dataDirectory.resolve("loaded-" + name().toLowerCase(java.util.Locale.ROOT));
		}
	}

	/**
	 * Loads every store of {@code stores} not loaded yet into this data directory, so that one store can be reloaded
	 * alone (delete its marker, and for the documents its directory: the document engine changed). A load that failed
	 * half-way is redone from empty: the two databases recreated, the collections dropped, Redis flushed; a half-loaded
	 * graph stops the run (its directory must go).
	 */
	static void loadMissing(Endpoints endpoints, Dataset data, Path dataDirectory, java.util.Set<Store> stores) throws Exception {
		java.util.Set<Store> missing = java.util.EnumSet.noneOf(Store.class);
		for (Store store : stores) {
			if (!Files.exists(store.marker(dataDirectory))) {
				missing.add(store);
			}
		}
		if (missing.isEmpty()) {
			return;
		}
		if (missing.contains(Store.POSTGRES)) {
			createDatabases(endpoints);
		}
		try (Connections connections = new Connections(endpoints)) {
			new Loader(data, dataDirectory).load(connections, missing);
		}
	}

	private static void createDatabases(Endpoints endpoints) throws SQLException {
		try (Connection c = DriverManager.getConnection(endpoints.postgres() + "postgres", "postgres", "");
				Statement s = c.createStatement()) {
			s.execute("DROP DATABASE IF EXISTS polyglot");
			s.execute("DROP DATABASE IF EXISTS pgonly");
			s.execute("CREATE DATABASE polyglot");
			s.execute("CREATE DATABASE pgonly");
		}
	}

	void load(Connections connections, java.util.Set<Store> stores) throws Exception {
		long started = System.nanoTime();
		if (stores.contains(Store.POSTGRES)) {
			execute(connections.polyglotPostgres, Schemas.POLYGLOT);
			execute(connections.pgOnly, Schemas.PG_ONLY);
			execute(connections.pgOnly, new String(Loader.class.getResourceAsStream("/org/springframework/session/jdbc/schema-postgresql.sql")
					.readAllBytes(), StandardCharsets.UTF_8));
		}
		ExecutorService pool = Executors.newFixedThreadPool(5); // the common pool has one thread on two cores
		try {
			List<CompletableFuture<Void>> loads = new ArrayList<>();
			if (stores.contains(Store.POSTGRES)) {
				loads.add(CompletableFuture.runAsync(() -> timed("postgres polyglot", () -> postgres(connections.polyglotPostgres, false)), pool));
				loads.add(CompletableFuture.runAsync(() -> timed("postgres pg-only", () -> {
					postgres(connections.pgOnly, true);
					sessions(connections, Sides.PG_ONLY);
				}), pool));
			}
			if (stores.contains(Store.DOCUMENTS)) {
				loads.add(CompletableFuture.runAsync(() -> timed("documents", () -> documents(connections)), pool));
			}
			if (stores.contains(Store.GRAPH)) {
				loads.add(CompletableFuture.runAsync(() -> timed("graph", () -> graph(connections)), pool));
			}
			if (stores.contains(Store.REDIS)) {
				loads.add(CompletableFuture.runAsync(() -> timed("redis + sessions", () -> {
					carts(connections);
					sessions(connections, Sides.POLYGLOT);
				}), pool));
			}
			CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new)).join();
		}
		finally {
			pool.shutdown();
		}
		if (stores.contains(Store.POSTGRES)) {
			timed("vacuum analyze", () -> {
				execute(connections.polyglotPostgres, "VACUUM ANALYZE");
				execute(connections.pgOnly, "VACUUM ANALYZE");
			});
		}
		for (Store store : stores) {
			Files.writeString(store.marker(dataDirectory), data.scale().toString());
		}
		System.out.printf("loaded %s into %s in %.0f s%n", data.scale(), stores, (System.nanoTime() - started) / 1e9);
	}

	interface Step {
		void run() throws Exception;
	}

	private static void timed(String what, Step step) {
		long started = System.nanoTime();
		try {
			step.run();
		}
		catch (Exception e) {
			throw new IllegalStateException("loading " + what + " failed", e);
		}
		System.out.printf("  %s loaded in %.0f s%n", what, (System.nanoTime() - started) / 1e9);
	}

	private static void execute(javax.sql.DataSource pg, String sql) throws SQLException {
		try (Connection c = pg.getConnection(); Statement s = c.createStatement()) {
			s.execute(sql);
		}
	}

	/** Text-format COPY in chunks: values here hold no tabs, newlines or backslashes (checked). */
	private static final class Copy implements AutoCloseable {

		private final CopyManager copy;
		private final String sql;
		private final StringBuilder rows = new StringBuilder();
		private final List<Copy> dependents = new ArrayList<>();
		private boolean dependent;
		private int count;

		/** Rows of these tables reference this one's: they are sent right after each chunk of it, never before. */
		Copy then(Copy... more) {
			for (Copy copy : more) {
				if (copy != null) {
					copy.dependent = true;
					dependents.add(copy);
				}
			}
			return this;
		}

		Copy(Connection c, String sql) throws SQLException {
			this.copy = c.unwrap(PGConnection.class).getCopyAPI();
			this.sql = sql;
		}

		void row(Object... values) {
			for (int i = 0; i < values.length; i++) {
				if (i > 0) {
					rows.append('\t');
				}
				if (values[i] == null) {
					rows.append("\\N");
				}
				else {
					String v = values[i].toString();
					if (v.indexOf('\t') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\\') >= 0) {
						throw new IllegalArgumentException("value needs escaping: " + v);
					}
					rows.append(v);
				}
			}
			rows.append('\n');
			if (++count % 20_000 == 0 && !dependent) {
				flush();
			}
		}

		private void flush() {
			try {
				copy.copyIn(sql, new StringReader(rows.toString()));
			}
			catch (SQLException | IOException e) {
				throw new IllegalStateException(e);
			}
			rows.setLength(0);
			dependents.forEach(Copy::flush);
		}

		@Override
		public void close() {
			if (!dependent) {
				flush();
			}
		}
	}

	private void postgres(javax.sql.DataSource pg, boolean everything) throws Exception {
		ObjectMapper json = new ObjectMapper();
		try (Connection c = pg.getConnection()) {
			try (Copy stock = new Copy(c, "COPY stock_item (sku, price_amount, price_currency, on_hand) FROM STDIN");
					Copy products = everything ? new Copy(c, "COPY product (sku, doc) FROM STDIN") : null) {
				for (int i = 0; i < data.scale().products(); i++) {
					Dataset.Product p = data.product(i);
					stock.row(p.sku(), p.price(), Dataset.CURRENCY, p.onHand());
					if (products != null) {
						products.row(p.sku(), json.writeValueAsString(OrderDocuments.product(p, Instant::toString)));
					}
				}
			}
			try (Copy orders = new Copy(c, """
					COPY orders (id, customer_id, idempotency_key, status, cancel_reason, currency, total, ship_name, ship_line1,
					  ship_city, ship_postal_code, ship_country, payment_reference, card_last4, placed_at, version) FROM STDIN""");
					Copy lines = new Copy(c, "COPY order_lines (order_id, line_no, sku, title, quantity, unit_price) FROM STDIN");
					Copy changes = new Copy(c, "COPY order_status_changes (order_id, seq, status, reason, changed_at) FROM STDIN");
					Copy docs = everything ? new Copy(c, "COPY order_doc (id, customer_id, status, placed_at, doc) FROM STDIN") : null;
					Copy purchased = everything ? new Copy(c, "COPY purchased (customer_id, sku, order_id, at, quantity) FROM STDIN") : null) {
				orders.then(lines, changes, docs, purchased);
				forEachOrder(order -> {
					boolean cancelled = order.status().equals("CANCELLED");
					orders.row(order.id(), order.customerId(), "key-" + order.id(), order.status(),
							cancelled ? "payment declined" : null, Dataset.CURRENCY, order.total(), order.shipName(),
							order.shipLine1(), order.shipCity(), order.shipPostalCode(), order.shipCountry(),
							order.paymentReference(), order.cardLast4(), order.placedAt(), 3);
					int n = 0;
					for (Dataset.Line line : order.lines()) {
						lines.row(order.id(), ++n, line.sku(), line.title(), line.quantity(), line.unitPrice());
					}
					n = 0;
					for (Map.Entry<String, Instant> change : order.timeline()) {
						changes.row(order.id(), ++n, change.getKey(), change.getKey().equals("CANCELLED") ? "payment declined" : null,
								change.getValue());
					}
					if (docs != null) {
						try {
							docs.row(order.id(), order.customerId(), order.status(), order.placedAt(),
									json.writeValueAsString(OrderDocuments.json(order, 3)));
						}
						catch (com.fasterxml.jackson.core.JsonProcessingException e) {
							throw new IllegalStateException(e);
						}
						for (Dataset.Purchase p : Dataset.purchases(order)) {
							purchased.row(p.customerId(), p.sku(), p.orderId(), p.at(), p.quantity());
						}
					}
				});
			}
			if (everything) {
				try (Copy follows = new Copy(c, "COPY follows (follower, followee, since) FROM STDIN")) {
					for (int i = 0; i < data.scale().customers(); i++) {
						for (int target : data.follows(i)) {
							follows.row(Dataset.customer(i), Dataset.customer(target), Dataset.NOW.minusSeconds(86_400L * (i % 300)));
						}
					}
				}
				try (Copy carts = new Copy(c, "COPY cart (owner, expires_at) FROM STDIN");
						Copy lines = new Copy(c, "COPY cart_line (owner, sku, quantity) FROM STDIN")) {
					carts.then(lines);
					Instant expires = Instant.now().plusSeconds(CartStore.TTL_SECONDS);
					for (int i = 0; i < data.scale().carts(); i++) {
						String owner = Dataset.customer(i);
						carts.row(owner, expires);
						data.cart(i).forEach((sku, qty) -> lines.row(owner, sku, qty));
					}
				}
			}
		}
	}

	private void forEachOrder(Consumer<Dataset.Order> consumer) {
		data.forEachOrder(consumer);
	}

	private void documents(Connections connections) {
		connections.mongo.drop(); // a half-done load is redone from empty
		MongoCollection<Document> products = connections.mongo.getCollection("products");
		// the indexes Spring Data creates for the app (auto-index-creation: ProductDocument's and OrderDocument's @CompoundIndex)
		products.createIndex(Indexes.compoundIndex(Indexes.ascending("published"), Indexes.ascending("title"), Indexes.ascending("_id")),
				new IndexOptions().name("published_title"));
		products.createIndex(Indexes.ascending("published", "category", "title", "_id"), new IndexOptions().name("published_category_title"));
		products.createIndex(Indexes.ascending("published", "createdAt"), new IndexOptions().name("published_created"));
		List<Document> batch = new ArrayList<>();
		for (int i = 0; i < data.scale().products(); i++) {
			batch.add(new Document(OrderDocuments.product(data.product(i), Date::from)));
			if (batch.size() == 1000) {
				products.insertMany(batch);
				batch.clear();
			}
		}
		if (!batch.isEmpty()) {
			products.insertMany(batch);
			batch.clear();
		}
		MongoCollection<Document> orders = connections.mongo.getCollection("orders");
		orders.createIndex(Indexes.compoundIndex(Indexes.ascending("customerId", "status"), Indexes.descending("placedAt")),
				new IndexOptions().name("by_customer_status_newest_first"));
		orders.createIndex(Indexes.compoundIndex(Indexes.ascending("status"), Indexes.descending("placedAt")),
				new IndexOptions().name("by_status_newest_first"));
		forEachOrder(order -> {
			batch.add(OrderDocuments.bson(order, 3));
			if (batch.size() == 1000) {
				orders.insertMany(batch);
				batch.clear();
			}
		});
		if (!batch.isEmpty()) {
			orders.insertMany(batch);
		}
	}

	private void graph(Connections connections) {
		try (Session session = connections.neo4j.session()) {
			for (String statement : Schemas.NEO4J) {
				session.run(statement).consume();
			}
			session.run("CALL db.awaitIndexes(300)").consume();
			if (session.run("MATCH (n) RETURN count(n) > 0 AS any").single().get("any").asBoolean()) {
				throw new IllegalStateException("the graph is half loaded: delete " + dataDirectory.resolve("neo4j") + " and run again");
			}
			Batches customers = new Batches(session, "UNWIND $rows AS id CREATE (:Customer {id: id})");
			for (int i = 0; i < data.scale().customers(); i++) {
				customers.add(Dataset.customer(i));
			}
			customers.flush();
			Batches products = new Batches(session, "UNWIND $rows AS row CREATE (:Product {sku: row.sku, title: row.title})");
			for (int i = 0; i < data.scale().products(); i++) {
				Dataset.Product p = data.product(i);
				products.add(Map.of("sku", p.sku(), "title", p.title()));
			}
			products.flush();
			Batches follows = new Batches(session, """
					UNWIND $rows AS row
					MATCH (a:Customer {id: row.from}), (b:Customer {id: row.to})
					CREATE (a)-[:FOLLOWS {since: datetime({epochSeconds: row.since})}]->(b)""");
			for (int i = 0; i < data.scale().customers(); i++) {
				for (int target : data.follows(i)) {
					follows.add(Map.of("from", Dataset.customer(i), "to", Dataset.customer(target),
							"since", Dataset.NOW.minusSeconds(86_400L * (i % 300)).getEpochSecond()));
				}
			}
			follows.flush();
			Batches purchases = new Batches(session, """
					UNWIND $rows AS row
					MATCH (c:Customer {id: row.customer}), (p:Product {sku: row.sku})
					CREATE (c)-[:PURCHASED {orderId: row.orderId, sku: row.sku, at: datetime({epochSeconds: row.at}), quantity: row.quantity}]->(p)""");
			forEachOrder(order -> Dataset.purchases(order).forEach(p -> purchases.add(Map.of("customer", p.customerId(),
					"sku", p.sku(), "orderId", p.orderId().toString(), "at", p.at().getEpochSecond(), "quantity", p.quantity()))));
			purchases.flush();
		}
	}

	private static final class Batches {

		private final Session session;
		private final String cypher;
		private final List<Object> rows = new ArrayList<>();

		Batches(Session session, String cypher) {
			this.session = session;
			this.cypher = cypher;
		}

		void add(Object row) {
			rows.add(row);
			if (rows.size() == 10_000) {
				flush();
			}
		}

		void flush() {
			if (!rows.isEmpty()) {
				session.executeWriteWithoutResult(tx -> tx.run(cypher, Map.of("rows", rows)).consume());
				rows.clear();
			}
		}
	}

	private void carts(Connections connections) {
		connections.redis.execute((org.springframework.data.redis.core.RedisCallback<Object>) redis -> {
			redis.serverCommands().flushAll();
			return null;
		});
		connections.redis.executePipelined((org.springframework.data.redis.core.RedisCallback<Object>) redis -> {
			for (int i = 0; i < data.scale().carts(); i++) {
				byte[] key = CartStore.Redis.key(Dataset.customer(i)).getBytes(StandardCharsets.UTF_8);
				for (Map.Entry<String, Integer> line : data.cart(i).entrySet()) {
					redis.hashCommands().hSet(key, line.getKey().getBytes(StandardCharsets.UTF_8),
							line.getValue().toString().getBytes(StandardCharsets.UTF_8));
				}
				redis.keyCommands().expire(key, CartStore.TTL_SECONDS);
			}
			return null;
		});
	}

	private void sessions(Connections connections, String side) throws IOException {
		SessionStore sessions = SessionStore.of(side, connections);
		List<String> ids = new ArrayList<>(data.scale().sessions());
		for (int i = 0; i < data.scale().sessions(); i++) {
			ids.add(sessions.create(Dataset.customer(i)));
		}
		Files.write(sessionIds(dataDirectory, side), ids);
	}

	static Path sessionIds(Path dataDirectory, String side) {
		return dataDirectory.resolve("sessions-" + side + ".txt");
	}

	static List<String> readSessionIds(Path dataDirectory, String side) {
		try {
			return Files.readAllLines(sessionIds(dataDirectory, side));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
