package io.polyshop.checkout.internal;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link OrderSettlements} in SQL; Spring Data finds it by its name and adds it to {@link Orders}. */
class OrderSettlementsImpl implements OrderSettlements {

	private final JdbcClient jdbc;
	private final JdbcTemplate batches;

	OrderSettlementsImpl(JdbcClient jdbc, JdbcTemplate batches) {
		this.jdbc = jdbc;
		this.batches = batches;
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
		List<Object[]> changes = new ArrayList<>();
		int seq = order.firstUnstoredSeq();
		for (StatusChange change : order.unstoredChanges()) {
			changes.add(new Object[] { order.id(), seq++, change.status(), change.reason(), change.changedAt().atOffset(ZoneOffset.UTC) });
		}
		if (!changes.isEmpty()) {
			batches.batchUpdate("INSERT INTO order_status_changes (order_id, seq, status, reason, changed_at) VALUES (?, ?, ?, ?, ?)", changes);
		}
		order.stored();
		return order;
	}
}
