package io.polyshop.cart;

import java.util.List;

/** Prices cart items with today's prices from inventory and titles from the catalog; see {@link PricedCart}. */
public interface CartPricing {

	PricedCart price(List<CartItem> items);
}
