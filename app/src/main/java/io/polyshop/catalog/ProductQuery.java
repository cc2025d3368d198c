package io.polyshop.catalog;

import java.util.List;
import java.util.Map;

/**
 * What a shopper looks for: words in the title, description or attribute values ({@code text}, looked up in the
 * search index: {@link ProductTextIndex}), a category, and attribute values
 * (each attribute matches any of its values; all attributes must match). Every part is optional. Values are
 * plain strings, never parsed as queries.
 */
public record ProductQuery(String text, String category, Map<String, List<String>> attributes) {

	public ProductQuery {
		attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
	}

	public static ProductQuery all() {
		return new ProductQuery(null, null, Map.of());
	}
}
