package io.polyshop.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndReplaceOptions;
import org.bson.Document;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Checkout at store level, the payment simulator left out (it touches no store). Polyglot, as the product does it:
 * read the cart from Redis; one PostgreSQL transaction (guarded stock decrements, order, lines, status changes and the
 * outbox row); then the three projections the listeners write (order document upsert guarded by version in the
 * document store, checked-out lines out of the Redis cart, PURCHASED edges MERGEd into Neo4j) and the outbox row
 * completed (deleted: completion-mode delete). PostgreSQL only: the same transaction plus every projection in it
 * (order JSONB document, purchased edges, cart lines), so it needs no outbox.
 */
interface CheckoutFlow {

	/** Places the customer's cart as an order; answers the order id. */
	String checkout(String customer);

	/** Puts two lines in the customer's cart (not measured: JMH per-invocation set-up). */
	void fillCart(String customer, ThreadLocalRandom random, int products);

	static CheckoutFlow of(String side, Connections connections) {
		return side.equals(Sides.POLYGLOT) ? new Polyglot(connections) : new PostgresOnly(connections.pgOnly);
	}

	record Placed(UUID id, Dataset.Order order) {
	}

	/** The order transaction, identical on both sides. */
	static Placed placeOrder(Connection c, String customer, Map<String, Integer> cart) throws SQLException {
		Map<String, BigDecimal> prices = new HashMap<>();
		try (PreparedStatement s = c.prepareStatement("SELECT sku, price_amount FROM stock_item WHERE sku = ANY (?) ORDER BY sku")) {
			s.setArray(1, c.createArrayOf("text", cart.keySet().toArray()));
			try (ResultSet rs = s.executeQuery()) {
				while (rs.next()) {
					prices.put(rs.getString(1), rs.getBigDecimal(2));
				}
			}
		}
		try (PreparedStatement s = c.prepareStatement("UPDATE stock_item SET on_hand = on_hand - ?, updated_at = now() WHERE sku = ? AND on_hand >= ?")) {
			for (Map.Entry<String, Integer> line : cart.entrySet()) { // SKU order: no deadlocks between checkouts
				s.setInt(1, line.getValue());
				s.setString(2, line.getKey());
				s.setInt(3, line.getValue());
				if (s.executeUpdate() != 1) {
					throw new IllegalStateException("out of stock: " + line.getKey());
				}
			}
		}
		UUID id = UUID.randomUUID();
		Instant now = Instant.now();
		List<Dataset.Line> lines = new ArrayList<>();
		cart.forEach((sku, qty) -> lines.add(new Dataset.Line(sku, "title of " + sku, qty, prices.get(sku).setScale(2))));
		Dataset.Order order = new Dataset.Order(id, customer, "COMPLETED", now, lines, "Customer", "Main Street 1", "Berlin",
				"10115", "DE", "pay-" + id, "4242");
		try (PreparedStatement s = c.prepareStatement("""
				INSERT INTO orders (id, customer_id, idempotency_key, status, currency, total, ship_name, ship_line1, ship_city,
				  ship_postal_code, ship_country, payment_reference, card_last4, placed_at, version)
				VALUES (?, ?, ?, 'COMPLETED', 'EUR', ?, ?, ?, ?, ?, ?, ?, ?, ?, 3)""")) {
			s.setObject(1, id);
			s.setString(2, customer);
			s.setString(3, UUID.randomUUID().toString());
			s.setBigDecimal(4, order.total());
			s.setString(5, order.shipName());
			s.setString(6, order.shipLine1());
			s.setString(7, order.shipCity());
			s.setString(8, order.shipPostalCode());
			s.setString(9, order.shipCountry());
			s.setString(10, order.paymentReference());
			s.setString(11, order.cardLast4());
			s.setTimestamp(12, Timestamp.from(now));
			s.executeUpdate();
		}
		try (PreparedStatement s = c.prepareStatement("INSERT INTO order_lines (order_id, line_no, sku, title, quantity, unit_price) VALUES (?, ?, ?, ?, ?, ?)")) {
			int n = 0;
			for (Dataset.Line line : lines) {
				s.setObject(1, id);
				s.setInt(2, ++n);
				s.setString(3, line.sku());
				s.setString(4, line.title());
				s.setInt(5, line.quantity());
				s.setBigDecimal(6, line.unitPrice());
				s.addBatch();
			}
			s.executeBatch();
		}
		try (PreparedStatement s = c.prepareStatement("INSERT INTO order_status_changes (order_id, seq, status, changed_at) VALUES (?, ?, ?, ?)")) {
			int n = 0;
			for (Map.Entry<String, Instant> change : order.timeline()) {
				s.setObject(1, id);
				s.setInt(2, ++n);
				s.setString(3, change.getKey());
				s.setTimestamp(4, Timestamp.from(change.getValue()));
				s.addBatch();
			}
			s.executeBatch();
		}
		return new Placed(id, order);
	}

	static Map<String, Integer> twoLines(ThreadLocalRandom random, int products) {
		Map<String, Integer> lines = new TreeMap<>();
		while (lines.size() < 2) {
			lines.put(Dataset.sku(random.nextInt(products)), 1 + random.nextInt(2));
		}
		return lines;
	}

	final class Polyglot implements CheckoutFlow {

		private static final String PURCHASES = """
				MERGE (customer:Customer {id: $customerId})
				WITH customer
				UNWIND $lines AS line
				MERGE (product:Product {sku: line.sku})
				SET product.title = coalesce(line.title, product.title)
				MERGE (customer)-[purchase:PURCHASED {orderId: $orderId, sku: line.sku}]->(product)
				  ON CREATE SET purchase.at = $at, purchase.quantity = line.quantity""";

		private final DataSource pg;
		private final CartStore.Redis carts;
		private final MongoCollection<Document> orders;
		private final Driver neo4j;

		Polyglot(Connections connections) {
			this.pg = connections.polyglotPostgres;
			this.carts = new CartStore.Redis(connections.redis);
			this.orders = connections.mongo.getCollection("orders");
			this.neo4j = connections.neo4j;
		}

		@Override
		public void fillCart(String customer, ThreadLocalRandom random, int products) {
			twoLines(random, products).forEach((sku, qty) -> carts.set(customer, sku, qty));
		}

		@Override
		public String checkout(String customer) {
			Map<String, Integer> cart = carts.read(customer);
			Placed placed;
			UUID publication = UUID.randomUUID();
			try (Connection c = pg.getConnection()) {
				c.setAutoCommit(false);
				try {
					placed = placeOrder(c, customer, cart);
					try (PreparedStatement s = c.prepareStatement("""
							INSERT INTO event_publication (id, listener_id, event_type, serialized_event, publication_date)
							VALUES (?, 'io.polyshop.orders.internal.OrderProjection.on(io.polyshop.checkout.OrderCompleted)',
							        'io.polyshop.checkout.OrderCompleted', ?, now())""")) {
						s.setObject(1, publication);
						s.setString(2, OrderHistoryStore.Json.MAPPER.writeValueAsString(OrderDocuments.json(placed.order(), 3)));
						s.executeUpdate();
					}
					c.commit();
				}
				catch (SQLException | RuntimeException | JsonProcessingException e) {
					c.rollback();
					throw new IllegalStateException(e);
				}
				finally {
					c.setAutoCommit(true);
				}
			}
			catch (SQLException e) {
				throw new IllegalStateException(e);
			}
			// the listeners (after commit): orders.internal.OrderProjection, cart CartCleanup, social Purchases
			String orderId = placed.id().toString();
			try {
				orders.findOneAndReplace(Filters.and(Filters.eq("_id", orderId), Filters.lt("version", 3)),
						OrderDocuments.bson(placed.order(), 3), new FindOneAndReplaceOptions().upsert(true));
			}
			catch (MongoException duplicate) {
				// the document exists with this version or a newer one (as OrderProjection): nothing to do
			}
			carts.removeCheckedOut(customer, orderId, cart);
			List<Map<String, Object>> lines = new ArrayList<>();
			placed.order().lines().forEach(l -> lines.add(Map.of("sku", l.sku(), "title", l.title(), "quantity", l.quantity())));
			try (Session session = neo4j.session()) {
				session.executeWriteWithoutResult(tx -> tx.run(PURCHASES, Map.of("customerId", customer, "orderId", orderId,
						"at", placed.order().placedAt().atOffset(ZoneOffset.UTC), "lines", lines)).consume());
			}
			try (Connection c = pg.getConnection(); PreparedStatement s = c.prepareStatement("DELETE FROM event_publication WHERE id = ?")) {
				s.setObject(1, publication);
				s.executeUpdate();
			}
			catch (SQLException e) {
				throw new IllegalStateException(e);
			}
			return orderId;
		}
	}

	final class PostgresOnly implements CheckoutFlow {

		private final DataSource pg;
		private final CartStore.Postgres carts;

		PostgresOnly(DataSource pg) {
			this.pg = pg;
			this.carts = new CartStore.Postgres(pg);
		}

		@Override
		public void fillCart(String customer, ThreadLocalRandom random, int products) {
			twoLines(random, products).forEach((sku, qty) -> carts.set(customer, sku, qty));
		}

		@Override
		public String checkout(String customer) {
			try (Connection c = pg.getConnection()) {
				c.setAutoCommit(false);
				try {
					Map<String, Integer> cart = new TreeMap<>();
					try (PreparedStatement s = c.prepareStatement("""
							SELECT l.sku, l.quantity FROM cart c JOIN cart_line l ON l.owner = c.owner
							WHERE c.owner = ? AND c.expires_at > now() ORDER BY l.sku""")) {
						s.setString(1, customer);
						try (ResultSet rs = s.executeQuery()) {
							while (rs.next()) {
								cart.put(rs.getString(1), rs.getInt(2));
							}
						}
					}
					Placed placed = placeOrder(c, customer, cart);
					try (PreparedStatement s = c.prepareStatement(
							"INSERT INTO order_doc (id, customer_id, status, placed_at, doc) VALUES (?, ?, 'COMPLETED', ?, ?::jsonb)")) {
						s.setObject(1, placed.id());
						s.setString(2, customer);
						s.setTimestamp(3, Timestamp.from(placed.order().placedAt()));
						s.setString(4, OrderHistoryStore.Json.MAPPER.writeValueAsString(OrderDocuments.json(placed.order(), 3)));
						s.executeUpdate();
					}
					try (PreparedStatement s = c.prepareStatement(
							"INSERT INTO purchased (customer_id, sku, order_id, at, quantity) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
						for (Dataset.Line line : placed.order().lines()) {
							s.setString(1, customer);
							s.setString(2, line.sku());
							s.setObject(3, placed.id());
							s.setTimestamp(4, Timestamp.from(placed.order().placedAt()));
							s.setInt(5, line.quantity());
							s.addBatch();
						}
						s.executeBatch();
					}
					try (PreparedStatement s = c.prepareStatement("DELETE FROM cart_line WHERE owner = ? AND sku = ANY (?)")) {
						s.setString(1, customer);
						s.setArray(2, c.createArrayOf("text", cart.keySet().toArray()));
						s.executeUpdate();
					}
					c.commit();
					return placed.id().toString();
				}
				catch (SQLException | RuntimeException | JsonProcessingException e) {
					c.rollback();
					throw new IllegalStateException(e);
				}
				finally {
					c.setAutoCommit(true);
				}
			}
			catch (SQLException e) {
				throw new IllegalStateException(e);
			}
		}
	}
}
