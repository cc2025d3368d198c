package io.polyshop.checkout.internal;


import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.polyshop.cart.CartOwner;
import io.polyshop.cart.Carts;
import io.polyshop.checkout.OrderCompleted;
import io.polyshop.checkout.SkuQuantities;

/**
 * After an order completes, what it bought leaves the customer's cart (Redis); once per order, however often delivered.
 * Then the order's claim on those cart contents ({@link CartClaims}) is released.
 */
@Component
class CartCleanup {

	private final Carts carts;
	private final CartClaims claims;

	CartCleanup(Carts carts, CartClaims claims) {
		this.carts = carts;
		this.claims = claims;
	}

	@ApplicationModuleListener
	void on(OrderCompleted order) {
		carts.removeCheckedOut(CartOwner.customer(order.customerId()), order.orderId(), SkuQuantities.ofCompleted(order));
		// the lines are out of the cart: the same contents, put in again, may be bought again
		orderId(order.orderId()).ifPresent(claims::released);
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
