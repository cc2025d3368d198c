package io.polyshop.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Order history (the first page of a customer's completed orders, newest first, with the total count, as
 * GET /api/orders answers it) and one order by id (GET /api/orders/{id}). Every variant returns the orders fully
 * decoded (BSON documents, or JSON parsed by Jackson), so no side is credited for work it skips.
 */
interface OrderHistoryStore {

	int PAGE_SIZE = 20; // the app's Paging.DEFAULT_SIZE

	record Page(long total, List<Object> orders) {
	}

	Page history(String customer);

	Object byId(String orderId);

	static OrderHistoryStore of(String side, Connections connections) {
		return switch (side) {
			case Sides.POLYGLOT -> new DocumentStore(connections.mongo.getCollection("orders"));
			case Sides.PG_ONLY -> new Joins(connections.pgOnly);
			case Sides.PG_JSONB -> new Jsonb(connections.pgOnly);
			default -> throw new IllegalArgumentException(side);
		};
	}

	/** The product's: orders.internal.OrdersController over the MongoDB-wire engine (count, then the sorted page). */
	final class DocumentStore implements OrderHistoryStore {

		private final MongoCollection<Document> orders;

		DocumentStore(MongoCollection<Document> orders) {
			this.orders = orders;
		}

		@Override
		public Page history(String customer) {
			Bson query = Filters.and(Filters.eq("customerId", customer), Filters.eq("status", "COMPLETED"));
			long total = orders.countDocuments(query);
			List<Object> page = new ArrayList<>(PAGE_SIZE);
			orders.find(query).sort(Sorts.descending("placedAt")).skip(0).limit(PAGE_SIZE).into(page);
			return new Page(total, page);
		}

		@Override
		public Object byId(String orderId) {
			return orders.find(Filters.eq("_id", orderId)).first();
		}
	}

	/** PostgreSQL, normalised: the app's own order tables, lines and timeline aggregated in the same query. */
	final class Joins implements OrderHistoryStore {

		private static final String SELECT = """
				SELECT o.id, o.customer_id, o.status, o.cancel_reason, o.currency, o.total, o.ship_name, o.ship_line1,
				       o.ship_city, o.ship_postal_code, o.ship_country, o.payment_reference, o.card_last4, o.placed_at,
				       o.version, %s AS total_count,
				       (SELECT json_agg(json_build_object('sku', l.sku, 'title', l.title, 'quantity', l.quantity,
				                 'unitPrice', l.unit_price, 'lineTotal', l.unit_price * l.quantity) ORDER BY l.line_no)
				          FROM order_lines l WHERE l.order_id = o.id)::text AS lines,
				       (SELECT json_agg(json_build_object('status', s.status, 'reason', s.reason, 'at', s.changed_at) ORDER BY s.seq)
				          FROM order_status_changes s WHERE s.order_id = o.id)::text AS timeline
				FROM orders o
				""";
		private static final String HISTORY = SELECT.formatted("count(*) OVER ()")
				+ "WHERE o.customer_id = ? AND o.status = 'COMPLETED' ORDER BY o.placed_at DESC LIMIT " + PAGE_SIZE;
		private static final String BY_ID = SELECT.formatted("1") + "WHERE o.id = ?";

		private final DataSource pg;

		Joins(DataSource pg) {
			this.pg = pg;
		}

		@Override
		public Page history(String customer) {
			List<Object> page = new ArrayList<>(PAGE_SIZE);
			long total = query(HISTORY, customer, page);
			return new Page(total, page);
		}

		@Override
		public Object byId(String orderId) {
			List<Object> found = new ArrayList<>(1);
			query(BY_ID, UUID.fromString(orderId), found);
			return found.isEmpty() ? null : found.get(0);
		}

		private long query(String sql, Object parameter, List<Object> into) {
			try (Connection c = pg.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
				s.setObject(1, parameter);
				long total = 0;
				try (ResultSet rs = s.executeQuery()) {
					while (rs.next()) {
						Map<String, Object> order = new LinkedHashMap<>();
						for (int column = 1; column <= 15; column++) {
							order.put(rs.getMetaData().getColumnLabel(column), rs.getObject(column));
						}
						total = rs.getLong(16);
						order.put("lines", Json.parse(rs.getString(17)));
						order.put("timeline", Json.parse(rs.getString(18)));
						into.add(order);
					}
				}
				return total;
			}
			catch (SQLException e) {
				throw new IllegalStateException(e);
			}
		}
	}

	/** PostgreSQL, the order as one JSONB document (the same shape as the MongoDB projection). */
	final class Jsonb implements OrderHistoryStore {

		private static final String HISTORY = """
				SELECT doc::text, count(*) OVER () FROM order_doc
				WHERE customer_id = ? AND status = 'COMPLETED' ORDER BY placed_at DESC LIMIT\s""" + PAGE_SIZE;

		private final DataSource pg;

		Jsonb(DataSource pg) {
			this.pg = pg;
		}

		@Override
		public Page history(String customer) {
			try (Connection c = pg.getConnection(); PreparedStatement s = c.prepareStatement(HISTORY)) {
				s.setString(1, customer);
				List<Object> page = new ArrayList<>(PAGE_SIZE);
				long total = 0;
				try (ResultSet rs = s.executeQuery()) {
					while (rs.next()) {
						page.add(Json.parse(rs.getString(1)));
						total = rs.getLong(2);
					}
				}
				return new Page(total, page);
			}
			catch (SQLException e) {
				throw new IllegalStateException(e);
			}
		}

		@Override
		public Object byId(String orderId) {
			try (Connection c = pg.getConnection(); PreparedStatement s = c.prepareStatement("SELECT doc::text FROM order_doc WHERE id = ?")) {
				s.setObject(1, UUID.fromString(orderId));
				try (ResultSet rs = s.executeQuery()) {
					return rs.next() ? Json.parse(rs.getString(1)) : null;
				}
			}
			catch (SQLException e) {
				throw new IllegalStateException(e);
			}
		}
	}

	final class Json {

		static final ObjectMapper MAPPER = new ObjectMapper();

		private Json() {
		}

		static JsonNode parse(String json) {
			try {
				return json == null ? null : MAPPER.readTree(json);
			}
			catch (java.io.IOException e) {
				throw new IllegalStateException(e);
			}
		}
	}
}
