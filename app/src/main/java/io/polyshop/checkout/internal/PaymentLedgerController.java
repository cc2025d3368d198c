package io.polyshop.checkout.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The payment simulator's book, for admins: what the "provider" charged, refunded and voided, per order, newest
 * first, with totals. With a real provider this is its dashboard; compare it with the orders to check that no
 * charge lacks a completed order and no completed order lacks a charge.
 */
@RestController
// the simulator's own book: there when the simulator is (same condition as SimulatedPaymentGateway)
@ConditionalOnExpression("'${polyshop.payment.gateway:}'.isBlank() or '${polyshop.payment.gateway:}'.strip() == 'simulator'")
class PaymentLedgerController {

	private final JdbcClient jdbc;

	PaymentLedgerController(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@GetMapping("/api/admin/payments/ledger")
	Ledger ledger(@RequestParam(defaultValue = "100") int limit, @RequestParam(required = false) String orderId) {
		int rows = Math.max(1, Math.min(limit, 1000));
		// newest first, or the one order asked about (support looking up a customer's charge)
		List<Entry> entries = jdbc.sql("""
				SELECT order_id, state, amount, currency, card_last4, reference, charged_at, refunded_at, voided_at
				FROM simulated_payments WHERE (CAST(? AS TEXT) IS NULL OR order_id = ?) ORDER BY updated_at DESC, order_id LIMIT ?""")
				.params(orderId, orderId, rows)
				.query((rs, n) -> new Entry(rs.getString("order_id"), rs.getString("state"), rs.getBigDecimal("amount"),
						rs.getString("currency"), rs.getString("card_last4"), rs.getString("reference"),
						instant(rs.getTimestamp("charged_at")), instant(rs.getTimestamp("refunded_at")), instant(rs.getTimestamp("voided_at"))))
				.list();
		Totals totals = jdbc.sql("""
				SELECT count(*) FILTER (WHERE charged_at IS NOT NULL) AS charges,
				       count(*) FILTER (WHERE state = 'REFUNDED') AS refunds,
				       count(*) FILTER (WHERE state = 'VOIDED') AS voids,
				       count(*) FILTER (WHERE state = 'CHARGED') AS charged_now
				FROM simulated_payments""")
				.query((rs, n) -> new Totals(rs.getLong("charges"), rs.getLong("refunds"), rs.getLong("voids"), rs.getLong("charged_now")))
				.single();
		return new Ledger(totals, entries);
	}

	private static Instant instant(java.sql.Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	/** @param chargedNow charges taken and not refunded: each must have a COMPLETED order */
	record Totals(long charges, long refunds, long voids, long chargedNow) {
	}

	record Entry(String orderId, String state, BigDecimal amount, String currency, String cardLast4, String reference,
			Instant chargedAt, Instant refundedAt, Instant voidedAt) {
	}

	record Ledger(Totals totals, List<Entry> entries) {
	}
}
