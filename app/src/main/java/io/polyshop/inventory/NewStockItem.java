package io.polyshop.inventory;

import io.polyshop.shared.Money;

/** A SKU entering the inventory with its first price and the units on hand. */
public record NewStockItem(Sku sku, Money price, int onHand) {

	public NewStockItem {
		if (sku == null || price == null) {
			throw new IllegalArgumentException("sku and price are required");
		}
		if (price.isNegative()) {
			throw new IllegalArgumentException("price must not be negative: " + price);
		}
		if (onHand < 0 || onHand > Inventory.MAX_ON_HAND) {
			throw new IllegalArgumentException("onHand must be between 0 and " + Inventory.MAX_ON_HAND + ": " + onHand);
		}
	}
}
