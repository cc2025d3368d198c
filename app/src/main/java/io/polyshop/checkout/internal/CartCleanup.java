package io.polyshop.checkout.internal;


import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.polyshop.cart.CartOwner;
import io.polyshop.cart.Carts;
import io.polyshop.checkout.OrderCompleted;
import io.polyshop.checkout.SkuQuantities;
import io.polyshop.shared.FaultSeams;

/**
 * After an order completes, what it bought leaves the customer's cart (Redis); once per order, however often done.
 * Then the order's claim on those cart contents ({@link CartClaims}) is released. Checkout does it at once, before it
 * answers, so the customer's next request sees the cart without those lines even while the outbox is behind; the
 * {@link OrderCompleted} listener is what guarantees it (a failure or a crash in between is retried from the outbox).
 */
@Component
class CartCleanup {

	private static final Logger log = LoggerFactory.getLogger(CartCleanup.class);

	private final Carts carts;
	private final CartClaims claims;
	private final FaultSeams seams;

	CartCleanup(Carts carts, CartClaims claims, FaultSeams seams) {
		this.carts = carts;
		this.claims = claims;
		this.seams = seams;
	}

	@ApplicationModuleListener
	void on(OrderCompleted order) {
		order.lines().forEach(line -> seams.reached("before-cart-cleanup", line.title()));
		clean(order.customerId(), order.orderId(), SkuQuantities.ofCompleted(order));
	}

	/** In the checkout request: best effort, since the listener follows anyway. */
	void cleanNow(Order completed) {
		try {
			clean(completed.customerId(), completed.id().toString(), OrderPayments.quantities(completed));
		}
		catch (RuntimeException e) {
			log.debug("Cart clean-up of order {} left to the outbox: {}", completed.id(), e.toString());
		}
	}

	private void clean(String customerId, String orderId, Map<String, Integer> quantities) {
		carts.removeCheckedOut(CartOwner.customer(customerId), orderId, quantities);
		// the lines are out of the cart: the same contents, put in again, may be bought again
		orderId(orderId).ifPresent(claims::released);
	}

	/** An id that is not a UUID names no order of this shop (a hand-made event, say): it never claimed a cart. */
	private static java.util.Optional<java.util.UUID> orderId(String id) {
		try {
			return java.util.Optional.of(java.util.UUID.fromString(id));
		}
		catch (IllegalArgumentException notAnOrderOfOurs) {
			return java.util.Optional.empty();
		}
	}
}
