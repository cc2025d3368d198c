package io.polyshop.inventory;

import io.polyshop.shared.Money;

/**
 * What a SKU costs now and how many units can be sold, as PostgreSQL has it at the time of reading.
 *
 * @param available units that can be sold now: {@code onHand - reserved}
 * @param onHand units the warehouse holds, reserved ones included
 * @param reserved units held by open orders (payment not yet resolved)
 */
public record StockLevel(String sku, Money price, int available, int onHand, int reserved) {
}
