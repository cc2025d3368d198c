package io.polyshop.catalog;

import java.util.List;
import java.util.Map;

import io.polyshop.shared.Money;

/**
 * A product page, composed from two stores: the document (title, description, category, attributes, images)
 * from the document store, the price and the units available from the inventory (PostgreSQL).
 */
public record Product(String sku, String title, String description, String category, Map<String, String> attributes,
		List<String> images, Money price, int available) {
}
