package io.polyshop.cart.internal;

import io.polyshop.cart.CartOwner;

/** Where a cart lives in Redis: one hash per cart, SKU → quantity. */
final class CartKeys {

	private CartKeys() {
	}

	static String of(CartOwner owner) {
		// the braces are a Redis Cluster hash tag: a cart and its checked-out set live in the same slot
		return "cart:{" + (owner.kind() == CartOwner.Kind.CUSTOMER ? "customer:" : "session:") + owner.id() + "}";
	}

	/** Remembers, per cart, which orders have already taken their lines out: redelivery-proof clean-up. */
	static String checkedOutOrders(CartOwner owner) {
		return of(owner) + ":checked-out";
	}
}
