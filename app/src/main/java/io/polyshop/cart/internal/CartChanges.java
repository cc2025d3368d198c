package io.polyshop.cart.internal;

import org.springframework.stereotype.Service;

import io.polyshop.cart.CartOwner;
import io.polyshop.inventory.Inventory;
import io.polyshop.inventory.Sku;
import io.polyshop.inventory.StockLevel;
import io.polyshop.inventory.UnknownSku;

/**
 * The changes a shopper makes to their own cart, with the cart's rules: only SKUs the inventory has, quantities
 * as {@link RequestedQuantity} allows, and for "add" the stock limit checked in Redis atomically with the write,
 * so concurrent clicks can neither lose an add nor add past what is available.
 */
@Service
class CartChanges {

	private final RedisCarts carts;
	private final Inventory inventory;

	CartChanges(RedisCarts carts, Inventory inventory) {
		this.carts = carts;
		this.inventory = inventory;
	}

	void set(CartOwner owner, String sku, RequestedQuantity quantity) {
		StockLevel stock = knownSku(sku);
		carts.set(owner, stock.sku(), quantity.within(stock));
	}

	void add(CartOwner owner, String sku, RequestedQuantity quantity) {
		StockLevel stock = knownSku(sku);
		carts.add(owner, stock.sku(), quantity.value(), stock.available());
	}

	void remove(CartOwner owner, String sku) {
		carts.remove(owner, Sku.of(sku).value());
	}

	void clear(CartOwner owner) {
		carts.clear(owner);
	}

	private StockLevel knownSku(String sku) {
		return inventory.find(Sku.of(sku).value()).orElseThrow(() -> new UnknownSku(sku));
	}
}
