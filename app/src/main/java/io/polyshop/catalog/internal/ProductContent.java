package io.polyshop.catalog.internal;

import java.util.List;
import java.util.Map;

import io.polyshop.inventory.NewStockItem;
import io.polyshop.inventory.Sku;
import io.polyshop.shared.Money;

/** A product to create, already checked: what goes into the document store and what goes into the inventory. */
public record ProductContent(String sku, String title, String description, String category,
		Map<String, String> attributes, List<String> images, Money price, int stock) {

	NewStockItem stockItem() {
		return new NewStockItem(Sku.of(sku), price, stock);
	}
}
