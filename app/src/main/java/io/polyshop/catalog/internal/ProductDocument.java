package io.polyshop.catalog.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A product as the document store holds it. The SKU is the document's {@code _id}, so the unique index on SKU
 * is the primary index every MongoDB server has; the compound indexes below are created at start-up, on a MongoDB
 * server as on the embedded engine (which keeps them on disk and reads pages through them). A document is created unpublished, with a draft token, and
 * published only once its inventory row exists (see {@link ProductWrites}); shoppers only see published ones.
 */
@Document("products")
// pages are read in title order, overall and per category: these indexes serve them without an in-memory sort
@CompoundIndex(name = "published_title", def = "{'published': 1, 'title': 1, '_id': 1}")
@CompoundIndex(name = "published_category_title", def = "{'published': 1, 'category': 1, 'title': 1, '_id': 1}")
// the draft cleanup looks for old unpublished documents
@CompoundIndex(name = "published_created", def = "{'published': 1, 'createdAt': 1}")
public record ProductDocument(@Id String sku, String title, String description, String category,
		Map<String, String> attributes, List<String> images, boolean published, String draftToken, Instant createdAt) {

	public ProductDocument {
		attributes = attributes == null ? Map.of() : attributes;
		images = images == null ? List.of() : images;
	}

	static ProductDocument draft(ProductContent content, String draftToken, Instant now) {
		return new ProductDocument(content.sku(), content.title(), content.description(), content.category(),
				content.attributes(), content.images(), false, draftToken, now);
	}
}
