package io.polyshop.checkout.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.polyshop.checkout.OrderStatus;
import io.polyshop.checkout.ShippingAddress;

/** {@link OrderStatements} in SQL; Spring Data finds it by its name and adds it to {@link Orders}. */
class OrderStatementsImpl implements OrderStatements {

	private static final String COLUMNS = """
			id, customer_id, idempotency_key, status, cancel_reason, currency, total, ship_name, ship_line1, ship_city,
			ship_postal_code, ship_country, payment_reference, refund_reference, card_last4, placed_at, version""";

	private final JdbcClient jdbc;
	private final JdbcTemplate batches;

	OrderStatementsImpl(JdbcClient jdbc, JdbcTemplate batches) {
		this.jdbc = jdbc;
		this.batches = batches;
	}

	@Override
	public Order insert(Order order) {
		ShippingAddress ship = order.shippingAddress();
		jdbc.sql("INSERT INTO orders (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")
				.params(order.id(), order.customerId(), order.idempotencyKey(), order.status().name(), order.cancelReason(),
						order.total().currency(), order.total().amount(), ship.name(), ship.line1(), ship.city(), ship.postalCode(),
						ship.country(), order.paymentReference(), order.refundReference(), order.cardLast4(),
						order.placedAt().atOffset(ZoneOffset.UTC))
				.update();
		List<Object[]> lines = new ArrayList<>();
		int lineNo = 0;
		for (OrderLine line : order.lines()) {
			lines.add(new Object[] { order.id(), lineNo++, line.sku(), line.title(), line.quantity(), line.unitPrice() });
		}
		batches.batchUpdate("INSERT INTO order_lines (order_id, line_no, sku, title, quantity, unit_price) VALUES (?, ?, ?, ?, ?, ?)", lines);
		insertChanges(order, 0, order.statusChanges());
		order.inserted();
		return order;
	}

	@Override
	public Optional<Order> findById(UUID id) {
		return find(id, "");
	}

	@Override
	public Optional<Order> findLockedById(UUID id) {
		return find(id, " FOR UPDATE");
	}

	private Optional<Order> find(UUID id, String lock) {
		// the row first (locked, when asked), then what belongs to it: a settlement appends status changes under that lock
		record Row(String customerId, String idempotencyKey, OrderStatus status, String cancelReason, String currency,
				BigDecimal total, ShippingAddress ship, String paymentReference, String refundReference, String cardLast4,
				Instant placedAt, int version) {
		}
		return jdbc.sql("SELECT " + COLUMNS + " FROM orders WHERE id = ?" + lock).param(id)
				.query((rs, row) -> new Row(rs.getString("customer_id"), rs.getString("idempotency_key"),
						OrderStatus.valueOf(rs.getString("status")), rs.getString("cancel_reason"), rs.getString("currency"),
						rs.getBigDecimal("total"),
						new ShippingAddress(rs.getString("ship_name"), rs.getString("ship_line1"), rs.getString("ship_city"),
								rs.getString("ship_postal_code"), rs.getString("ship_country")),
						rs.getString("payment_reference"), rs.getString("refund_reference"), rs.getString("card_last4"),
						rs.getTimestamp("placed_at").toInstant(), rs.getInt("version")))
				.optional()
				.map(r -> new Order(id, r.customerId(), r.idempotencyKey(), r.status(), r.cancelReason(), r.currency(), r.total(),
						r.ship(), r.paymentReference(), r.refundReference(), r.cardLast4(), r.placedAt(), r.version(), lines(id),
						statusChanges(id)));
	}

	private List<OrderLine> lines(UUID id) {
		return jdbc.sql("SELECT sku, title, quantity, unit_price FROM order_lines WHERE order_id = ? ORDER BY line_no").param(id)
				.query((rs, row) -> new OrderLine(rs.getString("sku"), rs.getString("title"), rs.getInt("quantity"), rs.getBigDecimal("unit_price")))
				.list();
	}

	private List<StatusChange> statusChanges(UUID id) {
		return jdbc.sql("SELECT status, reason, changed_at FROM order_status_changes WHERE order_id = ? ORDER BY seq").param(id)
				.query((rs, row) -> new StatusChange(rs.getString("status"), rs.getString("reason"), rs.getTimestamp("changed_at").toInstant()))
				.list();
	}

	@Override
	public Order saveSettlement(Order order) {
		int updated = jdbc.sql("""
				UPDATE orders SET status = ?, cancel_reason = ?, payment_reference = ?, refund_reference = ?, version = version + 1
				WHERE id = ? AND version = ?""")
				.params(order.status().name(), order.cancelReason(), order.paymentReference(), order.refundReference(), order.id(),
						order.version())
				.update();
		if (updated != 1) {
			throw new OptimisticLockingFailureException("Order " + order.id() + " changed since version " + order.version());
		}
		insertChanges(order, order.firstUnstoredSeq(), order.unstoredChanges());
		order.stored();
		return order;
	}

	private void insertChanges(Order order, int firstSeq, List<StatusChange> changes) {
		List<Object[]> rows = new ArrayList<>();
		int seq = firstSeq;
		for (StatusChange change : changes) {
			rows.add(new Object[] { order.id(), seq++, change.status(), change.reason(), change.changedAt().atOffset(ZoneOffset.UTC) });
		}
		if (!rows.isEmpty()) {
			batches.batchUpdate("INSERT INTO order_status_changes (order_id, seq, status, reason, changed_at) VALUES (?, ?, ?, ?, ?)", rows);
		}
	}
}
