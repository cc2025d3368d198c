package io.polyshop.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.search.Query;
import org.springframework.stereotype.Service;

import io.polyshop.catalog.ProductQuery;
import io.polyshop.catalog.ProductSummary;
import io.polyshop.catalog.ProductTextIndex;
import io.polyshop.inventory.Inventory;
import io.polyshop.inventory.StockLevel;
import io.polyshop.search.IndexStatus;
import io.polyshop.search.ProductSearch;
import io.polyshop.search.SearchQuery;
import io.polyshop.search.SearchResult;
import io.polyshop.search.SearchSort;
import io.polyshop.shared.PageView;
import io.polyshop.shared.Paging;

/**
 * Searches the index, then reads the page's price and stock live from the inventory (one query for the page). Also
 * answers the catalog list's word queries ({@link ProductTextIndex}), with numbered pages up to
 * {@link #CATALOG_LIST_WINDOW} products deep.
 */
@Service
class LuceneProductSearch implements ProductSearch, ProductTextIndex {

	/** How deep numbered pages of the catalog list go with words (as search engines bound from + size); the cursor goes further. */
	static final int CATALOG_LIST_WINDOW = 10_000;

	private final ProductIndex index;
	private final SearchIndexFeed feed;
	private final SearchQueries queries;
	private final Inventory inventory;
	private final Clock clock;

	LuceneProductSearch(ProductIndex index, SearchIndexFeed feed, Inventory inventory, Clock clock) {
		this.index = index;
		this.feed = feed;
		this.queries = new SearchQueries(index);
		this.inventory = inventory;
		this.clock = clock;
	}

	@Override
	public SearchResult search(SearchQuery search) {
		if (!index.isBuilt()) {
			throw new IndexNotReady();
		}
		SearchQueries.IndexQuery query = queries.query(search);
		boolean firstPage = search.cursor() == null;
		try {
			ProductIndex.Hits hits = index.search(query, queries.sort(search.sort()),
					firstPage ? null : SearchQueries.after(search.sort(), search.cursor()), search.size(), firstPage);
			List<ProductSummary> items = withLivePriceAndStock(hits);
			String next = hits.last() == null ? null : SearchQueries.cursor(search.sort(), hits.last());
			return new SearchResult(items, hits.total(), hits.facets().stream().map(LuceneProductSearch::facet).toList(), next);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public PageView<ProductSummary> find(ProductQuery query, Paging paging) {
		if (!index.isBuilt()) {
			throw new IndexNotReady();
		}
		if (paging.offset() + paging.size() > CATALOG_LIST_WINDOW) {
			throw new InvalidSearch("Pages of a word search end " + CATALOG_LIST_WINDOW + " products deep: narrow the words or the"
					+ " category, or page on with the cursor of /api/search.");
		}
		SearchQuery search = new SearchQuery(query.text(), query.category(), null, null, false, query.attributes(), SearchSort.TITLE,
				paging.size(), null);
		try {
			ProductIndex.Hits hits = index.page(queries.query(search), queries.sort(SearchSort.TITLE), (int) paging.offset(), paging.size());
			return new PageView<>(withLivePriceAndStock(hits), paging.page(), paging.size(), hits.total());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The hits as list items with the inventory's price and stock now; a SKU the inventory no longer has is left out. */
	private List<ProductSummary> withLivePriceAndStock(ProductIndex.Hits hits) {
		Map<String, StockLevel> levels = inventory.findAll(hits.hits().stream().map(ProductIndex.Hit::sku).toList());
		List<ProductSummary> items = new ArrayList<>(hits.hits().size());
		for (ProductIndex.Hit hit : hits.hits()) {
			StockLevel level = levels.get(hit.sku());
			if (level != null) {
				items.add(new ProductSummary(hit.sku(), hit.title(), hit.category(), level.price(), level.available()));
			}
		}
		return items;
	}

	@Override
	public List<String> suggest(String typed, int limit) {
		if (!index.isBuilt()) {
			return List.of();
		}
		Query query = queries.suggestion(typed);
		if (query == null) {
			return List.of();
		}
		try {
			return index.titles(query, limit);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public IndexStatus status() {
		Instant caughtUp = feed.caughtUpAt();
		double lag = caughtUp == null ? -1 : Duration.between(caughtUp, clock.instant()).toMillis() / 1000.0;
		return new IndexStatus(index.documents(), index.sizeBytes(), caughtUp, lag, feed.isRebuilding(), feed.rebuildProgress(),
				index.path().toString());
	}

	@Override
	public void reindex(Collection<String> skus) {
		feed.reindex(skus);
	}

	@Override
	public boolean rebuild() {
		return feed.rebuild();
	}

	private static SearchResult.Facet facet(FacetResult result) {
		return new SearchResult.Facet(result.dim, Arrays.stream(result.labelValues)
				.map(value -> new SearchResult.Count(value.label, value.value.longValue())).toList());
	}
}
