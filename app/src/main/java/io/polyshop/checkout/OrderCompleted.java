package io.polyshop.checkout;

import java.time.Instant;
import java.util.List;

/**
 * An order was paid and is complete: what the social graph (PURCHASED edges) and anyone else interested in
 * purchases listens to. Delivered at least once: listeners must be idempotent (key: {@code orderId}).
 */
public record OrderCompleted(String orderId, String customerId, List<Line> lines, Instant completedAt) {

	public record Line(String sku, String title, int quantity) {
	}
}
