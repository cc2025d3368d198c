package io.polyshop.inventory;

import java.time.Instant;

/** A SKU whose price or stock changed, and when (the change feed of {@link Inventory#changedSince}). */
public record StockChange(String sku, Instant at) {
}
