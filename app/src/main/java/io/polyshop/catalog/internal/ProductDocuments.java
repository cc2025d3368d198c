package io.polyshop.catalog.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import io.polyshop.catalog.CategoryCount;
import io.polyshop.shared.Paging;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The {@code products} collection. Every write is a single-document operation or an idempotent multi-document
 * one keyed by SKU and draft token, so it needs no multi-document transaction (the embedded engine has none).
 */
@Repository
public class ProductDocuments {

	private final MongoTemplate mongo;

	ProductDocuments(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** Answers false, and writes nothing, if a document with that SKU exists (published or not). */
	boolean insertDraft(ProductDocument draft) {
		try {
			mongo.insert(draft);
			return true;
		}
		catch (DuplicateKeyException e) {
			return false;
		}
	}

	/** Inserts many drafts in one round trip. */
	void insertDrafts(Collection<ProductDocument> drafts) {
		mongo.insert(drafts, ProductDocument.class);
	}

	/** Publishes the drafts of these SKUs written with this token; answers how many it published. */
	long publish(Collection<String> skus, String draftToken) {
		if (skus.isEmpty()) {
			return 0;
		}
		return mongo.updateMulti(Query.query(where("sku").in(skus).and("draftToken").is(draftToken)),
				new Update().set("published", true).unset("draftToken"), ProductDocument.class).getModifiedCount();
	}

	/**
	 * Publishes drafts this caller inserted moments ago in {@link #insertDrafts}, by SKU alone (the token check of
	 * {@link #publish} is not needed: nothing else replaces a fresh draft: a create never overwrites a document, and
	 * the draft cleanup waits minutes).
	 */
	long publishInserted(Collection<String> skus) {
		if (skus.isEmpty()) {
			return 0;
		}
		return mongo.updateMulti(Query.query(where("sku").in(skus)), new Update().set("published", true).unset("draftToken"),
				ProductDocument.class).getModifiedCount();
	}

	/** Removes the drafts of these SKUs written with this token (never a published document, never someone else's draft). */
	long deleteDrafts(Collection<String> skus, String draftToken) {
		if (skus.isEmpty()) {
			return 0;
		}
		return mongo.remove(Query.query(where("sku").in(skus).and("draftToken").is(draftToken).and("published").is(false)),
				ProductDocument.class).getDeletedCount();
	}

	/** Drafts created before the cutoff: orphans of a create that failed or crashed half-way. */
	List<ProductDocument> draftsCreatedBefore(Instant cutoff, int limit) {
		return mongo.find(Query.query(where("published").is(false).and("createdAt").lt(cutoff)).limit(limit),
				ProductDocument.class);
	}

	Optional<ProductDocument> find(String sku) {
		return Optional.ofNullable(mongo.findById(sku, ProductDocument.class));
	}

	public Optional<ProductDocument> findPublished(String sku) {
		return find(sku).filter(ProductDocument::published);
	}

	public Map<String, String> publishedTitles(Collection<String> skus) {
		if (skus.isEmpty()) {
			return Map.of();
		}
		Map<String, String> titles = new LinkedHashMap<>();
		// by _id alone (published is filtered here): the embedded engine answers an _id-only query from its unique
		// index, while one more condition makes it scan the whole collection, on every cart view and checkout
		mongo.query(ProductDocument.class).as(SkuAndTitle.class).matching(Query.query(where("sku").in(skus))).all()
				.stream().filter(SkuAndTitle::published)
				.forEach(document -> titles.put(document.sku(), document.title()));
		return titles;
	}

	/** The published documents among those SKUs (one query, by {@code _id}). */
	public List<ProductDocument> findPublished(Collection<String> skus) {
		if (skus.isEmpty()) {
			return List.of();
		}
		return mongo.find(Query.query(where("sku").in(skus).and("published").is(true)), ProductDocument.class);
	}

	/** Published documents with a SKU after the given one, in SKU order: a keyset walk served by {@code _id}. */
	public List<ProductDocument> publishedAfter(String afterSku, int limit) {
		return mongo.find(Query.query(where("sku").gt(afterSku == null ? "" : afterSku).and("published").is(true))
				.with(Sort.by("sku")).limit(limit), ProductDocument.class);
	}

	/** Only what a title lookup reads. */
	record SkuAndTitle(@Id String sku, String title, boolean published) {
	}

	/** A page of the published documents matching the query (built by {@link ProductQueries}), by title then SKU (stable for paging). */
	public List<ProductDocument> findPublished(Query query, Paging paging) {
		return mongo.find(query.with(Sort.by("title", "sku")).skip(paging.offset()).limit(paging.size()), ProductDocument.class);
	}

	public long countPublished(Query query) {
		return mongo.count(query, ProductDocument.class);
	}

	/**
	 * Published products per category, by category name: the distinct categories, then one count each, both of which
	 * a server answers from the {@code published_category_title} index without reading documents (an aggregation
	 * {@code $group} would read every published document).
	 */
	public List<CategoryCount> categories() {
		List<String> names = mongo.findDistinct(Query.query(where("published").is(true)), "category", ProductDocument.class, String.class);
		return names.stream().filter(Objects::nonNull).sorted()
				.map(name -> new CategoryCount(name, mongo.count(Query.query(where("published").is(true).and("category").is(name)),
						ProductDocument.class)))
				.toList();
	}

	/** Every document, published or not. */
	long count() {
		return mongo.estimatedCount(ProductDocument.class);
	}
}
