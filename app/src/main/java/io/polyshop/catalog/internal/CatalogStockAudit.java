package io.polyshop.catalog.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;
import org.springframework.core.annotation.Order;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import io.polyshop.audit.AuditCheck;
import io.polyshop.audit.AuditTally;
import io.polyshop.inventory.Inventory;
import io.polyshop.inventory.StockLevel;

/**
 * Product documents (document store, the truth for content) against stock rows (PostgreSQL, the truth for price and
 * stock), both ways: every published document has a stock row, every stock row a document. Neither side can be
 * made up from the other (no content for a stock row, no price for a document), so drift is reported, never
 * repaired. Unpublished drafts are the draft clean-up's ({@link ProductWrites}): they are not drift.
 */
@Component
@Order(70)
class CatalogStockAudit implements AuditCheck {

	private final MongoTemplate mongo;
	private final Inventory inventory;

	CatalogStockAudit(MongoTemplate mongo, Inventory inventory) {
		this.mongo = mongo;
		this.inventory = inventory;
	}

	@Override
	public String invariant() {
		return "catalog-stock";
	}

	@Override
	public String description() {
		return "product documents (document store) ↔ stock rows (PostgreSQL): present both ways";
	}

	@Override
	public void run(AuditTally tally) {
		tally.note("Reported only: a product's content and its price and stock each have their own source of truth.");
		String after = "";
		while (true) {
			Query page = Query.query(Criteria.where("_id").gt(after)).with(Sort.by("_id")).limit(tally.batchSize());
			page.fields().include("_id", "published");
			List<Document> documents = mongo.find(page, Document.class, "products");
			if (documents.isEmpty()) {
				break;
			}
			List<String> published = documents.stream().filter(d -> Boolean.TRUE.equals(d.getBoolean("published")))
					.map(d -> d.getString("_id")).toList();
			Map<String, StockLevel> levels = inventory.findAll(published);
			published.stream().filter(sku -> !levels.containsKey(sku))
					.forEach(sku -> tally.drifted("product " + sku + ": published document, no stock row"));
			tally.checked(documents.size());
			after = documents.get(documents.size() - 1).getString("_id");
		}
		String afterSku = null;
		for (List<String> skus = inventory.skusAfter(null, tally.batchSize()); !skus.isEmpty();
				skus = inventory.skusAfter(afterSku, tally.batchSize())) {
			Query query = Query.query(Criteria.where("_id").in(skus));
			query.fields().include("_id");
			Set<String> documented = new HashSet<>();
			mongo.find(query, Document.class, "products").forEach(d -> documented.add(d.getString("_id")));
			skus.stream().filter(sku -> !documented.contains(sku))
					.forEach(sku -> tally.drifted("stock row " + sku + ": no product document"));
			tally.checked(skus.size());
			afterSku = skus.get(skus.size() - 1);
		}
	}
}
