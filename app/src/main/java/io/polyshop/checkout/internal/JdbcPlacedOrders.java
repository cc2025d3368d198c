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
import io.polyshop.checkout.ShippingAddress;
import io.polyshop.shared.Money;

@Component
class JdbcPlacedOrders implements PlacedOrders {

	private final JdbcClient jdbc;

	JdbcPlacedOrders(JdbcClient jdbc) {
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

	/**
	 * In plain SQL rather than through the {@link Orders} repository: every order is projected from this read, and
	 * Spring Data's generic aggregate loading was a quarter of the listener threads' CPU (async-profiler, 2026-11-26).
	 */
	@Override
	@Transactional(readOnly = true) // header, lines and timeline from one snapshot
	public Optional<OrderSnapshot> find(String orderId) {
		UUID id;
		try {
			id = UUID.fromString(orderId);
		}
		catch (IllegalArgumentException notAnOrderId) {
			return Optional.empty();
		}
		record Header(String customerId, String status, String cancelReason, Money total, ShippingAddress address,
				String paymentReference, String cardLast4, Instant placedAt, int version) {
		}
		Optional<Header> header = jdbc.sql("""
				SELECT customer_id, status, cancel_reason, currency, total, ship_name, ship_line1, ship_city, ship_postal_code,
				       ship_country, payment_reference, card_last4, placed_at, version
				FROM orders WHERE id = ?""")
				.param(id)
				.query((rs, row) -> new Header(rs.getString("customer_id"), rs.getString("status"), rs.getString("cancel_reason"),
						new Money(rs.getBigDecimal("total"), rs.getString("currency")),
						new ShippingAddress(rs.getString("ship_name"), rs.getString("ship_line1"), rs.getString("ship_city"),
								rs.getString("ship_postal_code"), rs.getString("ship_country")),
						rs.getString("payment_reference"), rs.getString("card_last4"), rs.getTimestamp("placed_at").toInstant(),
						rs.getInt("version")))
				.optional();
		return header.map(h -> {
			String currency = h.total().currency();
			List<OrderSnapshot.Line> lines = jdbc.sql("SELECT sku, title, quantity, unit_price FROM order_lines WHERE order_id = ? ORDER BY line_no")
					.param(id)
					.query((rs, row) -> {
						Money unitPrice = new Money(rs.getBigDecimal("unit_price"), currency);
						int quantity = rs.getInt("quantity");
						return new OrderSnapshot.Line(rs.getString("sku"), rs.getString("title"), quantity, unitPrice, unitPrice.times(quantity));
					})
					.list();
			List<OrderSnapshot.StatusChange> timeline = jdbc.sql("SELECT status, reason, changed_at FROM order_status_changes WHERE order_id = ? ORDER BY seq")
					.param(id)
					.query((rs, row) -> new OrderSnapshot.StatusChange(rs.getString("status"), rs.getString("reason"),
							rs.getTimestamp("changed_at").toInstant()))
					.list();
			return new OrderSnapshot(orderId, h.customerId(), h.status(), h.cancelReason(), h.total(), lines, h.address(),
					new OrderSnapshot.Payment(h.paymentReference(), h.cardLast4()), timeline, h.placedAt(), h.version());
		});
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
