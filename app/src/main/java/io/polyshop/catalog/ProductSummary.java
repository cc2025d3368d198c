package io.polyshop.catalog;

import io.polyshop.shared.Money;

/** A product in a list: its title and category from the document store, price and availability from the inventory. */
public record ProductSummary(String sku, String title, String category, Money price, int available) {
}
