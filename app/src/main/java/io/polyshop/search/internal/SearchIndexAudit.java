package io.polyshop.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.polyshop.audit.AuditCheck;
import io.polyshop.audit.AuditTally;
import io.polyshop.catalog.Catalog;
import io.polyshop.catalog.Product;
import io.polyshop.search.ProductSearch;
import io.polyshop.search.internal.ProductIndex.IndexedProduct;

/**
 * This instance's search index against the catalog and the inventory (the products {@link Catalog} composes from
 * both): every product indexed exactly once with its title, category, price and in-stock as they are now (missing,
 * stale), and no other SKU indexed (extra). Two keyset walks: the catalog by SKU, then the index's SKU terms. The
 * index follows the stores a second or so behind, so what differs is looked at again once the feed has caught up
 * past the moment it was read, and only what still differs is drift. Repaired by re-indexing those SKUs through
 * {@link ProductSearch#reindex} (an extra is deleted there: it is no product).
 */
@Component
@Order(80)
class SearchIndexAudit implements AuditCheck {

	private static final int LOOKS = 2;

	private final ProductIndex index;
	private final SearchIndexFeed feed;
	private final ProductSearch search;
	private final Catalog catalog;
	private final Clock clock;

	SearchIndexAudit(ProductIndex index, SearchIndexFeed feed, ProductSearch search, Catalog catalog, Clock clock) {
		this.index = index;
		this.feed = feed;
		this.search = search;
		this.catalog = catalog;
		this.clock = clock;
	}

	@Override
	public String invariant() {
		return "search-index";
	}

	@Override
	public String description() {
		return "search index (Lucene, this instance) ↔ catalog documents and stock rows: every product indexed once with its "
				+ "title, category, price and in-stock; no other SKU indexed";
	}

	@Override
	public void run(AuditTally tally) {
		if (!index.isBuilt() || feed.isRebuilding()) {
			tally.note("Not checked: this instance's search index is being built, which reads every product afresh.");
			return;
		}
		try {
			products(tally);
			extras(tally);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Catalog → index: missing and stale entries. */
	private void products(AuditTally tally) throws IOException {
		String after = null;
		while (true) {
			Instant readAt = clock.instant();
			List<Product> products = catalog.publishedAfter(after, tally.batchSize());
			if (products.isEmpty()) {
				return;
			}
			Map<String, IndexedProduct> indexed = index.indexed(products.stream().map(Product::sku).toList());
			List<String> suspects = products.stream().filter(product -> difference(product, indexed.get(product.sku())) != null)
					.map(Product::sku).toList();
			settle(suspects, readAt, tally);
			tally.checked(products.size());
			after = products.get(products.size() - 1).sku();
		}
	}

	/** Index → catalog: SKUs indexed that are no product. */
	private void extras(AuditTally tally) throws IOException {
		String after = null;
		while (true) {
			Instant readAt = clock.instant();
			List<IndexedProduct> entries = index.indexedAfter(after, tally.batchSize());
			if (entries.isEmpty()) {
				return;
			}
			Map<String, Product> products = catalog.findAll(entries.stream().map(IndexedProduct::sku).toList());
			settle(entries.stream().map(IndexedProduct::sku).filter(sku -> !products.containsKey(sku)).toList(), readAt, tally);
			tally.checked(entries.size());
			after = entries.get(entries.size() - 1).sku();
		}
	}

	/** Looks at the suspects again after the feed has caught up; reports (and repairs) what still differs. */
	private void settle(List<String> suspects, Instant readAt, AuditTally tally) throws IOException {
		Map<String, String> drift = new LinkedHashMap<>();
		Instant since = readAt;
		for (int look = 0; look < LOOKS && !suspects.isEmpty(); look++) {
			if (!feed.awaitCaughtUpPast(since)) {
				tally.note("The index feed did not catch up while the audit looked: what it had not applied yet counts as drift.");
			}
			since = clock.instant();
			Map<String, Product> products = catalog.findAll(suspects);
			Map<String, IndexedProduct> indexed = index.indexed(suspects);
			drift.clear();
			for (String sku : suspects) {
				Product product = products.get(sku);
				IndexedProduct entry = indexed.get(sku);
				String difference = product == null ? entry == null ? null : "indexed, but no product in the catalog"
						: difference(product, entry);
				if (difference != null) {
					drift.put(sku, difference);
				}
			}
			suspects = List.copyOf(drift.keySet());
		}
		drift.forEach((sku, difference) -> tally.drifted("SKU " + sku + ": " + difference));
		if (drift.isEmpty() || !tally.repair()) {
			return;
		}
		try {
			search.reindex(drift.keySet());
			drift.keySet().forEach(sku -> tally.repaired());
		}
		catch (RuntimeException e) {
			tally.note("Re-indexing failed: " + e);
		}
	}

	/** How the index's copy differs from the product, or null when it does not. */
	static String difference(Product product, IndexedProduct entry) {
		if (entry == null) {
			return "product not in the index";
		}
		if (entry.copies() != 1) {
			return "indexed " + entry.copies() + " times";
		}
		if (!java.util.Objects.equals(product.title(), entry.title())) {
			return "title \"" + product.title() + "\" indexed as \"" + entry.title() + "\"";
		}
		if (!java.util.Objects.equals(product.category(), entry.category())) {
			return "category " + product.category() + " indexed as " + entry.category();
		}
		long price = ProductIndex.minorUnits(product.price().amount());
		if (price != entry.priceMinorUnits()) {
			return "price " + product.price().amount() + " indexed as " + java.math.BigDecimal.valueOf(entry.priceMinorUnits(), 2);
		}
		if ((product.available() > 0) != entry.inStock()) {
			return (product.available() > 0 ? "in stock" : "out of stock") + ", indexed as " + (entry.inStock() ? "in stock" : "out of stock");
		}
		return null;
	}
}
