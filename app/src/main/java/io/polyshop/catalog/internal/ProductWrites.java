package io.polyshop.catalog.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import io.polyshop.inventory.DuplicateSku;
import io.polyshop.inventory.Inventory;
import io.polyshop.inventory.StockLevel;

/**
 * Creates products across the two stores without a distributed transaction, in an order that never shows a
 * shopper half a product:
 * <ol>
 * <li>the document goes in unpublished, with a draft token (its {@code _id} is the SKU, so a second create of
 * the same SKU stops here);</li>
 * <li>the inventory row and its first price period go into PostgreSQL in one transaction;</li>
 * <li>the document is published.</li>
 * </ol>
 * Shoppers see published documents only, and a product list or page needs the inventory row as well. If step 2
 * fails, the draft is deleted; if the process dies between the steps, the draft stays unpublished and
 * {@link #resolveDraftsCreatedBefore} (run on a schedule) finishes the job: a draft whose SKU made it into the
 * inventory is published (rolled forward), any other is deleted (rolled back). Each step is conditional on the
 * draft token, so neither a retry nor a second instance can publish or delete someone else's document.
 */
@Component
public class ProductWrites {

	private static final Logger log = LoggerFactory.getLogger(ProductWrites.class);
	private static final int DRAFTS_PER_RUN = 1000;

	private final ProductDocuments documents;
	private final Inventory inventory;
	private final Clock clock;

	ProductWrites(ProductDocuments documents, Inventory inventory, Clock clock) {
		this.clock = clock;
		this.documents = documents;
		this.inventory = inventory;
	}

	/**
	 * Creates one product in both stores.
	 *
	 * @throws DuplicateSku if the SKU is taken (a published product or an inventory row)
	 * @throws ProductBeingCreated if an unpublished draft holds the SKU
	 * @throws ProductNotYetPublished if the inventory has it but publishing failed (it is finished later)
	 */
	public void create(ProductContent content) {
		String sku = content.sku();
		String token = UUID.randomUUID().toString();
		if (!documents.insertDraft(ProductDocument.draft(content, token, clock.instant()))) {
			throw documents.findPublished(sku).isPresent() ? new DuplicateSku(sku) : new ProductBeingCreated(sku);
		}
		try {
			inventory.add(content.stockItem());
		}
		catch (RuntimeException e) {
			discardDrafts(List.of(sku), token, e);
			throw e;
		}
		try {
			documents.publish(List.of(sku), token);
		}
		catch (DataAccessException e) {
			log.warn("Product {} is in the inventory but could not be published ({}); the draft cleanup will publish it", sku, e.toString());
			throw new ProductNotYetPublished(sku);
		}
	}

	/**
	 * Creates many products with a few round trips, in the same order as {@link #create}. SKUs that the
	 * inventory already has are skipped (their drafts removed). Answers how many products were published.
	 */
	public int createAll(List<ProductContent> contents) {
		if (contents.isEmpty()) {
			return 0;
		}
		String token = UUID.randomUUID().toString();
		Instant now = clock.instant();
		List<String> skus = contents.stream().map(ProductContent::sku).toList();
		documents.insertDrafts(contents.stream().map(content -> ProductDocument.draft(content, token, now)).toList());
		List<String> added;
		try {
			added = inventory.addAll(contents.stream().map(ProductContent::stockItem).toList());
		}
		catch (RuntimeException e) {
			discardDrafts(skus, token, e);
			throw e;
		}
		documents.publishInserted(added);
		Set<String> skipped = new HashSet<>(skus);
		added.forEach(skipped::remove);
		documents.deleteDrafts(skipped, token);
		return added.size();
	}

	/**
	 * Finishes creates that stopped half-way before the cutoff: publishes drafts whose SKU is in the inventory,
	 * deletes the others.
	 */
	public DraftResolution resolveDraftsCreatedBefore(Instant cutoff) {
		// a bounded batch per run: a backlog larger than that is worked off by the next runs
		List<ProductDocument> drafts = documents.draftsCreatedBefore(cutoff, DRAFTS_PER_RUN);
		Map<String, StockLevel> inInventory = inventory.findAll(drafts.stream().map(ProductDocument::sku).toList());
		int published = 0;
		int deleted = 0;
		for (ProductDocument draft : drafts) {
			if (inInventory.containsKey(draft.sku())) {
				published += (int) documents.publish(List.of(draft.sku()), draft.draftToken());
			}
			else {
				deleted += (int) documents.deleteDrafts(List.of(draft.sku()), draft.draftToken());
			}
		}
		if (published + deleted > 0) {
			log.info("Resolved unfinished product creates: {} published (the inventory had them), {} drafts deleted", published, deleted);
		}
		return new DraftResolution(published, deleted);
	}

	private void discardDrafts(List<String> skus, String token, RuntimeException cause) {
		try {
			documents.deleteDrafts(new ArrayList<>(skus), token);
		}
		catch (RuntimeException e) {
			cause.addSuppressed(e);
			log.warn("Could not delete the drafts of a failed create ({}); the draft cleanup will", e.toString());
		}
	}

	/** What a cleanup did. */
	public record DraftResolution(int published, int deleted) {
	}
}
