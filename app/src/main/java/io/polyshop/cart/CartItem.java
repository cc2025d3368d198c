package io.polyshop.cart;

/** A line of a cart as stored: a SKU and how many. Prices are never stored in a cart; they come from inventory. */
public record CartItem(String sku, int quantity) {
}
