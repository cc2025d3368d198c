package io.polyshop.cart.internal;

import java.util.List;

import org.springframework.stereotype.Component;

import io.polyshop.cart.CartItem;
import io.polyshop.cart.CartPricing;
import io.polyshop.cart.PricedCart;
import io.polyshop.catalog.Catalog;
import io.polyshop.inventory.Inventory;

/** Two reads: prices and stock from PostgreSQL, titles from the catalog (the SKU stands in when it is down). */
@Component
class InventoryCartPricing implements CartPricing {

	private final Inventory inventory;
	private final Catalog catalog;

	InventoryCartPricing(Inventory inventory, Catalog catalog) {
		this.inventory = inventory;
		this.catalog = catalog;
	}

	@Override
	public PricedCart price(List<CartItem> items) {
		List<String> skus = items.stream().map(CartItem::sku).distinct().toList();
		return PricedCart.of(items, inventory.findAll(skus), catalog.titlesIfReachable(skus));
	}
}
