package io.polyshop.catalog.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
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

	/** null until asked: see {@link #countsGroupsFromIndex()}. */
	private volatile Boolean groupCountsFromIndex;

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

	Map<String, String> publishedTitles(Collection<String> skus) {
		if (skus.isEmpty()) {
			return Map.of();
		}
		Map<String, String> titles = new LinkedHashMap<>();
		// by _id alone (published is filtered here): the embedded engine answers an _id-only query from its unique
		// index, while one more condition makes it scan the whole collection (PublishedTitles asks for the SKUs it
		// does not hold yet, on a cart view or a checkout)
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
	 * Published products per category, by category name. On the embedded engine, one read: a {@code $group} by
	 * category after {@code published: true}, which it counts from the {@code published_category_title} index (two
	 * B-tree descents per category, no document read). A MongoDB server would answer that {@code $group} by reading
	 * every published entry of the index, so it is asked for the distinct categories and one count each instead
	 * (a distinct scan and a count scan of the same index per category). Which store this is, is asked once.
	 */
	public List<CategoryCount> categories() {
		return countsGroupsFromIndex() ? categoriesInOneRead() : categoriesByDistinctAndCounts();
	}

	List<CategoryCount> categoriesInOneRead() {
		Aggregation countsByCategory = Aggregation.newAggregation(Aggregation.match(where("published").is(true)),
				Aggregation.group("category").count().as("products"));
		return mongo.aggregate(countsByCategory, ProductDocument.class, org.bson.Document.class).getMappedResults().stream()
				.filter(group -> group.get("_id") instanceof String)
				.map(group -> new CategoryCount(group.getString("_id"), group.get("products", Number.class).longValue()))
				.sorted(java.util.Comparator.comparing(CategoryCount::category)).toList();
	}

	List<CategoryCount> categoriesByDistinctAndCounts() {
		List<String> names = mongo.findDistinct(Query.query(where("published").is(true)), "category", ProductDocument.class, String.class);
		return names.stream().filter(Objects::nonNull).sorted()
				.map(name -> new CategoryCount(name, mongo.count(Query.query(where("published").is(true).and("category").is(name)),
						ProductDocument.class)))
				.toList();
	}

	/**
	 * Whether the store is Polyshop's embedded engine, which counts a {@code $group} from an index: it answers its own
	 * {@code polyshopStats} command, which a MongoDB server does not know. Asked at the first call (a store that is
	 * down then is asked again at the next).
	 */
	boolean countsGroupsFromIndex() {
		Boolean known = groupCountsFromIndex;
		if (known == null) {
			try {
				mongo.executeCommand(new org.bson.Document("polyshopStats", mongo.getCollectionName(ProductDocument.class)));
				known = true;
			}
			catch (DataAccessResourceFailureException e) {
				throw e;
			}
			catch (DataAccessException e) {
				known = false; // "no such command": a MongoDB server
			}
			groupCountsFromIndex = known;
		}
		return known;
	}

	/** Every document, published or not. */
	long count() {
		return mongo.estimatedCount(ProductDocument.class);
	}
}
