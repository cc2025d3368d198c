package io.polyshop.search.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationContext;

import io.polyshop.catalog.Catalog;
import io.polyshop.catalog.Product;
import io.polyshop.search.internal.ProductIndex.IndexedProduct;
import io.polyshop.shared.Money;

/**
 * Drift injected straight into a running instance's search index (for the audit's tests): written on the index's
 * one writer thread and committed at the feed's current position, as the feed itself would.
 */
public final class SearchIndexDrift {

	private SearchIndexDrift() {
	}

	/** The indexed price of a SKU in minor units, or null when the index does not hold it. */
	public static Long indexedPrice(ApplicationContext context, String sku) {
		try {
			IndexedProduct indexed = context.getBean(ProductIndex.class).indexed(List.of(sku)).get(sku);
			return indexed == null ? null : indexed.priceMinorUnits();
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	public static void remove(ApplicationContext context, String sku) {
		write(context, index -> index.delete(List.of(sku)));
	}

	/** Indexes a SKU the catalog does not have. */
	public static void addOrphan(ApplicationContext context, String sku) {
		Product orphan = new Product(sku, "Orphan " + sku, "in the index only", "orphans", Map.of(), List.of(),
				new Money(new BigDecimal("1.00"), "EUR"), 1);
		write(context, index -> index.upsert(List.of(orphan)));
	}

	/** Gives a product another price in the index only. */
	public static void setIndexedPrice(ApplicationContext context, String sku, BigDecimal price) {
		Product product = context.getBean(Catalog.class).find(sku).orElseThrow();
		Product stale = new Product(product.sku(), product.title(), product.description(), product.category(), product.attributes(),
				product.images(), new Money(price, product.price().currency()), product.available());
		write(context, index -> index.upsert(List.of(stale)));
	}

	private static void write(ApplicationContext context, IndexWrite write) {
		ProductIndex index = context.getBean(ProductIndex.class);
		context.getBean(SearchIndexFeed.class).onWriterThread(() -> {
			write.apply(index);
			index.commit(index.position().orElseThrow());
			return null;
		});
	}

	private interface IndexWrite {
		void apply(ProductIndex index) throws java.io.IOException;
	}
}
