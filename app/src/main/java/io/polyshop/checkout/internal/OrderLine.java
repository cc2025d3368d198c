package io.polyshop.checkout.internal;

import java.math.BigDecimal;

import org.springframework.data.relational.core.mapping.Table;

import io.polyshop.shared.Money;

/** A line with the price it was sold at: later price changes never touch a placed order. */
@Table("order_lines")
record OrderLine(String sku, String title, int quantity, BigDecimal unitPrice) {

	Money unitPrice(String currency) {
		return new Money(unitPrice, currency);
	}

	Money lineTotal(String currency) {
		return unitPrice(currency).times(quantity);
	}
}
