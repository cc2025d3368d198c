package io.polyshop.checkout.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.polyshop.checkout.OrderFacts;
import io.polyshop.checkout.OrderSnapshot;
import io.polyshop.checkout.PlacedOrders;
import io.polyshop.shared.Money;

@Component
class JdbcPlacedOrders implements PlacedOrders {

	private final Orders orders;
	private final JdbcClient jdbc;

	JdbcPlacedOrders(Orders orders, JdbcClient jdbc) {
		this.orders = orders;
		this.jdbc = jdbc;
	}

	@Override
	public List<OrderVersion> versionsAfter(String afterOrderId, int limit) {
		return jdbc.sql("SELECT id, version FROM orders WHERE id > :after ORDER BY id LIMIT :limit")
				// PostgreSQL orders uuids as unsigned bytes: the nil uuid is the smallest (Java's signed
				// new UUID(Long.MIN_VALUE, Long.MIN_VALUE) is 80000000-..., which skipped every id below it)
				.param("after", afterOrderId == null ? new UUID(0, 0) : UUID.fromString(afterOrderId))
				.param("limit", limit)
				.query((rs, row) -> new OrderVersion(rs.getString("id"), rs.getInt("version")))
				.list();
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<OrderSnapshot> find(String orderId) {
		try {
			return orders.findById(UUID.fromString(orderId)).map(Order::snapshot);
		}
		catch (IllegalArgumentException notAnOrderId) {
			return Optional.empty();
		}
	}

	@Override
	@Transactional(readOnly = true) // header and lines from one snapshot
	public List<OrderFacts> factsAfter(String afterOrderId, int limit) {
		record Header(String id, String customerId, String status, int version, Money total, Instant placedAt, Instant completedAt) {
		}
		List<Header> headers = jdbc.sql("""
				SELECT o.id, o.customer_id, o.status, o.version, o.total, o.currency, o.placed_at,
				       (SELECT max(c.changed_at) FROM order_status_changes c WHERE c.order_id = o.id AND c.status = 'COMPLETED') AS completed_at
				FROM orders o WHERE o.id > :after ORDER BY o.id LIMIT :limit""")
				.param("after", afterOrderId == null ? new UUID(0, 0) : UUID.fromString(afterOrderId))
				.param("limit", limit)
				.query((rs, row) -> new Header(rs.getString("id"), rs.getString("customer_id"), rs.getString("status"),
						rs.getInt("version"), new Money(rs.getBigDecimal("total"), rs.getString("currency")),
						rs.getTimestamp("placed_at").toInstant(), instant(rs.getTimestamp("completed_at"))))
				.list();
		if (headers.isEmpty()) {
			return List.of();
		}
		Map<String, String> currencies = new HashMap<>();
		headers.forEach(header -> currencies.put(header.id(), header.total().currency()));
		Map<String, List<OrderFacts.Line>> lines = new HashMap<>();
		jdbc.sql("SELECT order_id, sku, title, quantity, unit_price FROM order_lines WHERE order_id = ANY (?) ORDER BY order_id, line_no")
				.param(headers.stream().map(header -> UUID.fromString(header.id())).toArray(UUID[]::new))
				.query(rs -> {
					String orderId = rs.getString("order_id");
					lines.computeIfAbsent(orderId, id -> new ArrayList<>()).add(new OrderFacts.Line(rs.getString("sku"),
							rs.getString("title"), rs.getInt("quantity"), new Money(rs.getBigDecimal("unit_price"), currencies.get(orderId))));
				});
		return headers.stream().map(h -> new OrderFacts(h.id(), h.customerId(), h.status(), h.version(), h.total(), h.placedAt(),
				h.completedAt(), List.copyOf(lines.getOrDefault(h.id(), List.of())))).toList();
	}

	@Override
	public Map<String, String> statuses(Collection<String> orderIds) {
		List<UUID> ids = new ArrayList<>();
		for (String id : orderIds) {
			try {
				ids.add(UUID.fromString(id));
			}
			catch (IllegalArgumentException notAnOrderId) {
				// no order has it
			}
		}
		if (ids.isEmpty()) {
			return Map.of();
		}
		Map<String, String> statuses = new LinkedHashMap<>();
		jdbc.sql("SELECT id, status FROM orders WHERE id = ANY (?)").param(ids.toArray(UUID[]::new))
				.query(rs -> {
					statuses.put(rs.getString("id"), rs.getString("status"));
				});
		return statuses;
	}

	// PAYMENT_PENDING is the one state holding a reservation: PAID never outlives the transaction that completes the
	// order (Order, OrderPayments), COMPLETED took its units off stock, CANCELLED gave them back
	@Override
	@Transactional(readOnly = true)
	public Map<String, Integer> heldByOpenOrders(Collection<String> skus) {
		if (skus.isEmpty()) {
			return Map.of();
		}
		Map<String, Integer> held = new HashMap<>();
		jdbc.sql("""
				SELECT l.sku, sum(l.quantity) AS quantity FROM order_lines l JOIN orders o ON o.id = l.order_id
				WHERE o.status = 'PAYMENT_PENDING' AND l.sku = ANY (?) GROUP BY l.sku""")
				.param(skus.stream().distinct().toArray(String[]::new))
				.query(rs -> {
					held.put(rs.getString("sku"), rs.getInt("quantity"));
				});
		return held;
	}

	@Override
	@Transactional(readOnly = true)
	public List<Holding> holdingsAfter(String afterSku, int limit) {
		return jdbc.sql("""
				SELECT l.sku, sum(l.quantity) AS quantity FROM order_lines l JOIN orders o ON o.id = l.order_id
				WHERE o.status = 'PAYMENT_PENDING' AND l.sku > ? GROUP BY l.sku ORDER BY l.sku LIMIT ?""")
				.params(afterSku == null ? "" : afterSku, limit)
				.query((rs, row) -> new Holding(rs.getString("sku"), rs.getInt("quantity"))).list();
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
