package io.polyshop.catalog;

import io.polyshop.shared.PageView;
import io.polyshop.shared.Paging;

/**
 * An index of the catalog that answers the catalog list's word queries ({@code /api/products?q=}), so that they never
 * walk the product documents: the embedded document engine can only match words by reading every published document.
 * <p>
 * The catalog declares this and the search module implements it (search already depends on the catalog, whose
 * products it indexes; the catalog depending on search would be a cycle). The query it receives has been checked by
 * the catalog (text length and word count, category, attribute names and values), and its words carry no quotes.
 */
public interface ProductTextIndex {

	/**
	 * A page of the products matching the query, by title (then SKU), with live price and stock, and the exact total.
	 * Every word must occur in the title, the description or an attribute value (stemmed, case-insensitive, typos
	 * tolerated for words the catalog nearly lacks); category and attribute filters as the documents apply them.
	 * Refuses (a {@link io.polyshop.shared.Refusal}) while the index is first being built and for pages deeper
	 * than it serves.
	 */
	PageView<ProductSummary> find(ProductQuery query, Paging paging);
}
