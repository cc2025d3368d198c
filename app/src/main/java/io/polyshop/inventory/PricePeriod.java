package io.polyshop.inventory;

import java.time.Instant;

import io.polyshop.shared.Money;

/** A price a SKU had from {@code validFrom} until {@code validTo}; {@code validTo} is null for the current price. */
public record PricePeriod(Money price, Instant validFrom, Instant validTo) {
}
