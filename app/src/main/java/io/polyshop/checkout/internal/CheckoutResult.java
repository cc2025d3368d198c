package io.polyshop.checkout.internal;

import io.polyshop.shared.Money;

/** What a checkout answers: {@code created} is false when the Idempotency-Key had already made this order. */
record CheckoutResult(String orderId, String status, Money total, boolean created) {

	static CheckoutResult of(Order order, boolean created) {
		return new CheckoutResult(order.id().toString(), order.status().name(), order.total(), created);
	}
}
