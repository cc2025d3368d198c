package io.polyshop.cart.internal;

import io.polyshop.inventory.StockLevel;

/**
 * How many units of a product a shopper asks for, checked against the cart's rules before any store is asked: a
 * quantity is given and never negative; setting 0 removes the line, adding needs at least 1; no more than the
 * inventory can sell. (The per-line and per-cart limits are checked in Redis, atomically with the write.)
 */
record RequestedQuantity(int value) {

	/** For "set the line to": 0 or more. */
	static RequestedQuantity toSet(Integer quantity) {
		if (quantity == null || quantity < 0) {
			throw CartProblems.invalidChange("quantity is required and must be 0 or more");
		}
		return new RequestedQuantity(quantity);
	}

	/** For "add to the line": 1 or more. */
	static RequestedQuantity toAdd(Integer quantity) {
		RequestedQuantity requested = toSet(quantity);
		if (requested.value == 0) {
			throw CartProblems.invalidChange("quantity must be at least 1 to add to the cart");
		}
		return requested;
	}

	/** This quantity, if the inventory can sell that many now. */
	int within(StockLevel stock) {
		if (value > stock.available()) {
			throw CartProblems.notEnoughStock(stock.sku(), stock.available());
		}
		return value;
	}
}
