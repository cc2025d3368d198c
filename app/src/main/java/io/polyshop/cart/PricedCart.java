package io.polyshop.cart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.polyshop.inventory.StockLevel;
import io.polyshop.shared.Money;

/**
 * A cart priced with today's prices from inventory: the one pricing the cart view and checkout share, so what
 * the cart shows is what checkout charges. Prices in different currencies never add up: there is one total per
 * currency, and a single {@link #total()} only when the cart has one currency (checkout refuses the others).
 *
 * @param lines the cart's lines whose SKU the inventory knows, in cart order
 * @param unknownSkus SKUs in the cart that the inventory does not have (any more)
 */
public record PricedCart(List<Line> lines, List<String> unknownSkus) {

	public PricedCart {
		lines = List.copyOf(lines);
		unknownSkus = List.copyOf(unknownSkus);
	}

	/** @param title the catalog's title, or the SKU when the catalog did not answer */
	public record Line(String sku, String title, int quantity, Money unitPrice, int available) {

		public Money lineTotal() {
			return unitPrice.times(quantity);
		}
	}

	/** Prices the items with the stock levels and titles given (a SKU missing from {@code stock} is unknown). */
	public static PricedCart of(List<CartItem> items, Map<String, StockLevel> stock, Map<String, String> titles) {
		List<Line> lines = new ArrayList<>();
		List<String> unknown = new ArrayList<>();
		for (CartItem item : items) {
			StockLevel level = stock.get(item.sku());
			if (level == null) {
				unknown.add(item.sku());
			}
			else {
				lines.add(new Line(item.sku(), titles.getOrDefault(item.sku(), item.sku()), item.quantity(), level.price(),
						level.available()));
			}
		}
		return new PricedCart(lines, unknown);
	}

	/** One total per currency, in currency-code order. */
	public List<Money> totals() {
		Map<String, Money> byCurrency = new TreeMap<>();
		lines.forEach(line -> byCurrency.merge(line.unitPrice().currency(), line.lineTotal(), Money::plus));
		return List.copyOf(byCurrency.values());
	}

	/** The total when every line is priced in one currency; empty for an empty cart or mixed currencies. */
	public Optional<Money> total() {
		List<Money> totals = totals();
		return totals.size() == 1 ? Optional.of(totals.get(0)) : Optional.empty();
	}

	public boolean mixesCurrencies() {
		return lines.stream().map(line -> line.unitPrice().currency()).distinct().count() > 1;
	}

	/** SKUs of lines that ask for more units than the inventory can sell now. */
	public List<String> shortSkus() {
		return lines.stream().filter(line -> line.available() < line.quantity()).map(Line::sku).toList();
	}
}
