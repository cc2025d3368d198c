package io.polyshop.search;

import java.util.List;

import io.polyshop.catalog.ProductSummary;

/**
 * A page of search results with live price and stock (from the inventory), the facet counts of the whole result
 * (first page only), the total number of matches, and the cursor of the next page (null on the last page).
 */
public record SearchResult(List<ProductSummary> items, long total, List<Facet> facets, String nextCursor) {

	/** Counts per value of one dimension: {@code category}, {@code price} (bands) or {@code attr.<name>}. */
	public record Facet(String name, List<Count> values) {
	}

	/** How many of the matches have this value; a price band's value is {@code from-to} (to exclusive). */
	public record Count(String value, long count) {
	}
}
