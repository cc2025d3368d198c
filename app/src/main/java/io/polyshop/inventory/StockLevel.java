package io.polyshop.inventory;

import io.polyshop.shared.Money;

/** What a SKU costs now and how many units can be sold, as PostgreSQL has it at the time of reading. */
public record StockLevel(String sku, Money price, int available) {
}
