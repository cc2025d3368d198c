/**
 * Catalog search: an embedded Apache Lucene index under the data directory, a store of its own. It holds copies of
 * the catalog documents and of inventory's price and stock, fed from inventory's change feed, and answers full-text
 * queries with ranking, typo tolerance, filters, facets and cursor paging.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Search", allowedDependencies = { "audit", "catalog", "inventory", "shared" })
package io.polyshop.search;
