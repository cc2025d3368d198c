package io.polyshop.cart.internal;

import io.polyshop.shared.Refusal;
import io.polyshop.shared.Refusal.Reason;

/** The ways a cart change can be refused, each leaving the cart as it was. */
final class CartProblems {

	private CartProblems() {
	}

	static Refusal invalidChange(String detail) {
		return new Refusal(Reason.INVALID, "Invalid cart change", detail);
	}

	static Refusal notEnoughStock(String sku, int available) {
		return new Refusal(Reason.CONFLICT, "Not enough stock", "Only " + available + " of " + sku + " available.");
	}

	static Refusal tooManyOfOneProduct(int maxQuantityPerLine) {
		return new Refusal(Reason.CONFLICT, "Too many of one product", "A cart holds at most " + maxQuantityPerLine + " of one product.");
	}

	static Refusal tooManyProducts(int maxLines) {
		return new Refusal(Reason.CONFLICT, "Too many products", "A cart holds at most " + maxLines + " different products.");
	}
}
