package io.polyshop.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import io.polyshop.catalog.internal.ProductContent;
import io.polyshop.catalog.internal.ProductDocument;
import io.polyshop.catalog.internal.ProductDocuments;
import io.polyshop.catalog.internal.ProductQueries;
import io.polyshop.catalog.internal.ProductWrites;
import io.polyshop.catalog.internal.PublishedTitles;
import io.polyshop.inventory.Inventory;
import io.polyshop.inventory.Sku;
import io.polyshop.inventory.StockLevel;
import io.polyshop.shared.PageView;
import io.polyshop.shared.Paging;

/**
 * The product catalog as shoppers and other modules see it: documents from the document store composed with
 * price and stock from the inventory. A product is visible when its document is published and the inventory
 * has its SKU.
 */
@Service
public class Catalog {

	private static final Logger log = LoggerFactory.getLogger(Catalog.class);

	private final ProductDocuments documents;
	private final ProductQueries queries;
	private final ProductWrites writes;
	private final PublishedTitles titles;
	private final Inventory inventory;
	private final ObjectProvider<ProductTextIndex> textIndex;

	Catalog(ProductDocuments documents, ProductQueries queries, ProductWrites writes, PublishedTitles titles, Inventory inventory,
			ObjectProvider<ProductTextIndex> textIndex) {
		this.documents = documents;
		this.queries = queries;
		this.writes = writes;
		this.titles = titles;
		this.inventory = inventory;
		this.textIndex = textIndex;
	}

	/** The titles of the given SKUs that are published products (for cart lines, orders, recommendations). */
	public Map<String, String> titles(Collection<String> skus) {
		return titles.of(skus.stream().filter(Sku::isWellFormed).distinct().toList());
	}

	/**
	 * The same titles where a title is only nice to have (cart lines, order lines): when the document store does not
	 * answer there are no titles, not an error, and callers show the SKU instead.
	 */
	public Map<String, String> titlesIfReachable(Collection<String> skus) {
		try {
			return titles(skus);
		}
		catch (RuntimeException storeUnreachable) {
			log.warn("Catalog titles unavailable, SKUs shown instead: {}", storeUnreachable.toString());
			return Map.of();
		}
	}

	/** A product page, if the SKU is a published product with an inventory row. */
	public Optional<Product> find(String sku) {
		if (!Sku.isWellFormed(sku)) {
			return Optional.empty();
		}
		return documents.findPublished(sku).flatMap(document -> inventory.find(sku).map(level -> product(document, level)));
	}

	/** The products among those SKUs, composed as {@link #find} does (two queries whatever the number). */
	public Map<String, Product> findAll(Collection<String> skus) {
		List<String> wellFormed = skus.stream().filter(Sku::isWellFormed).distinct().toList();
		return compose(documents.findPublished(wellFormed));
	}

	/**
	 * Up to {@code limit} products with a SKU after {@code afterSku} (null: from the first), in SKU order: a keyset walk
	 * over the whole catalog whose cost per batch does not grow with the catalog (for indexers and audits).
	 */
	public List<Product> publishedAfter(String afterSku, int limit) {
		List<Product> products = new ArrayList<>(limit);
		String after = afterSku;
		// a published document without a stock row is no product: read on, so that a short batch means the end
		while (products.size() < limit) {
			List<ProductDocument> batch = documents.publishedAfter(after, limit - products.size());
			if (batch.isEmpty()) {
				break;
			}
			Map<String, Product> composed = compose(batch);
			batch.stream().map(document -> composed.get(document.sku())).filter(java.util.Objects::nonNull).forEach(products::add);
			after = batch.get(batch.size() - 1).sku();
		}
		return products;
	}

	private Map<String, Product> compose(List<ProductDocument> batch) {
		Map<String, StockLevel> levels = inventory.findAll(batch.stream().map(ProductDocument::sku).toList());
		Map<String, Product> products = new LinkedHashMap<>();
		for (ProductDocument document : batch) {
			StockLevel level = levels.get(document.sku());
			if (level != null) {
				products.put(document.sku(), product(document, level));
			}
		}
		return products;
	}

	/**
	 * A page of the products matching the query, by title. A query with words is answered by the {@link ProductTextIndex}
	 * (the search index), never by walking the documents; one without words (category, attributes) by the documents.
	 * Only an application without a text index (a test slice of this module) looks words up in the documents.
	 */
	public PageView<ProductSummary> search(ProductQuery query, Paging paging) {
		ProductTextIndex index = query.text() != null && !query.text().isBlank() ? textIndex.getIfAvailable() : null;
		if (index != null) {
			List<String> words = queries.words(query); // checks the whole query, as queries.query(query) does below
			return words.isEmpty() ? new PageView<>(List.of(), paging.page(), paging.size(), 0) // only quotes: no word to find
					: index.find(new ProductQuery(String.join(" ", words), query.category(), query.attributes()), paging);
		}
		List<ProductDocument> page = documents.findPublished(queries.query(query), paging);
		long total = page.size() < paging.size() && (page.size() > 0 || paging.page() == 0)
				? paging.offset() + page.size() // the last page: no need to count
				: documents.countPublished(queries.query(query));
		Map<String, StockLevel> levels = inventory.findAll(page.stream().map(ProductDocument::sku).toList());
		List<ProductSummary> items = new ArrayList<>(page.size());
		for (ProductDocument document : page) {
			StockLevel level = levels.get(document.sku());
			if (level != null) { // a document without its inventory row is no product (yet)
				items.add(new ProductSummary(document.sku(), document.title(), document.category(), level.price(), level.available()));
			}
		}
		return new PageView<>(items, paging.page(), paging.size(), total);
	}

	/** Categories with their number of published products, by name. */
	public List<CategoryCount> categories() {
		return documents.categories();
	}

	/** Creates a product in both stores (see {@link ProductWrites} for the order that keeps it consistent). */
	public Product create(NewProduct product) {
		ProductContent content = new ProductContent(Sku.of(product.sku()).value(), product.title().strip(),
				product.description() == null ? "" : product.description().strip(), product.category(),
				product.attributes() == null ? Map.of() : new LinkedHashMap<>(product.attributes()),
				product.images() == null ? List.of() : List.copyOf(product.images()), product.price().toMoney(),
				product.stock());
		writes.create(content);
		return new Product(content.sku(), content.title(), content.description(), content.category(), content.attributes(),
				content.images(), content.price(), content.stock());
	}

	private static Product product(ProductDocument document, StockLevel level) {
		return new Product(document.sku(), document.title(), document.description(), document.category(),
				document.attributes(), document.images(), level.price(), level.available());
	}
}
