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

	/** An anonymous cart's lines while they are being merged into a customer's cart (same slot as the cart). */
	static String merging(CartOwner owner) {
		return of(owner) + ":merging";
	}

	/** Remembers, per customer's cart, which anonymous carts were merged into it: redelivery-proof merge. */
	static String mergedCarts(CartOwner owner) {
		return of(owner) + ":merged";
	}

	/** Remembers, per cart, which orders have already taken their lines out: redelivery-proof clean-up. */
	static String checkedOutOrders(CartOwner owner) {
		return of(owner) + ":checked-out";
	}
}
