package io.polyshop.checkout;

import java.time.Instant;
import java.util.List;

import io.polyshop.shared.Money;

/**
 * An order as PostgreSQL knows it right now, whole: what projections (the order document) are built from.
 * {@code version} grows with every change, so a projection never overwrites a newer state with an older one.
 */
public record OrderSnapshot(String orderId, String customerId, String status, String cancelReason, Money total,
		List<Line> lines, ShippingAddress shippingAddress, Payment payment, List<StatusChange> timeline,
		Instant placedAt, int version) {

	public record Line(String sku, String title, int quantity, Money unitPrice, Money lineTotal) {
	}

	public record Payment(String reference, String cardLast4) {
	}

	public record StatusChange(String status, String reason, Instant at) {
	}
}
