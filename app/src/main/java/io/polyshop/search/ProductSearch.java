package io.polyshop.search;

import java.util.Collection;
import java.util.List;

/** Catalog search over the search index (the storefront's search box, filters and facets; the console's index card). */
public interface ProductSearch {

	/** A page of products matching the query, with live price and stock. */
	SearchResult search(SearchQuery query);

	/** Up to {@code limit} product titles for what a shopper has typed so far. */
	List<String> suggest(String typed, int limit);

	IndexStatus status();

	/**
	 * Reads those SKUs again from the catalog and the inventory into this instance's index: indexed again if they are
	 * products, removed from the index if not. Answers once the change is visible to searches (the audit's repair).
	 */
	void reindex(Collection<String> skus);

	/** Starts rebuilding the index from the catalog and the inventory; false if a rebuild is already running. */
	boolean rebuild();
}
