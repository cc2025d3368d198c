package io.polyshop.search;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What a shopper searches for. Every part is optional.
 *
 * @param text words (typos tolerated) and "quoted phrases" in the title, description and attribute values
 * @param category one category
 * @param minPrice lowest price, inclusive
 * @param maxPrice highest price, inclusive
 * @param inStock only products with units available
 * @param attributes attribute name → accepted values (any of them); every attribute named must match
 * @param sort the order of the results
 * @param size results per page
 * @param cursor where the previous page ended (from {@link SearchResult#nextCursor()}), or null for the first page
 */
public record SearchQuery(String text, String category, BigDecimal minPrice, BigDecimal maxPrice, boolean inStock,
		Map<String, List<String>> attributes, SearchSort sort, int size, String cursor) {

	public SearchQuery {
		attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
		sort = sort == null ? SearchSort.RELEVANCE : sort;
	}
}
