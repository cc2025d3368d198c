package io.polyshop.checkout;

import java.time.Instant;
import java.util.List;

import io.polyshop.shared.Money;

/**
 * The facts of an order that other stores copy (header, lines, when it completed), read in batches by the audit:
 * lighter than an {@link OrderSnapshot} (no address, payment or timeline).
 *
 * @param completedAt when it became COMPLETED, or {@code null}
 */
public record OrderFacts(String orderId, String customerId, String status, int version, Money total, Instant placedAt,
		Instant completedAt, List<Line> lines) {

	public boolean completed() {
		return OrderStatus.COMPLETED.name().equals(status);
	}

	/** Neither completed nor cancelled: its units are still taken from stock (whatever the open states are called). */
	public boolean open() {
		return OrderStatus.named(status).map(known -> !known.settled()).orElse(true);
	}

	public record Line(String sku, String title, int quantity, Money unitPrice) {
	}
}
