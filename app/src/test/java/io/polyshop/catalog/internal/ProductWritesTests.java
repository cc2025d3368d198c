package io.polyshop.catalog.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.polyshop.catalog.Catalog;
import io.polyshop.catalog.ProductQuery;
import io.polyshop.inventory.DuplicateSku;
import io.polyshop.inventory.Inventory;
import io.polyshop.inventory.NewStockItem;
import io.polyshop.inventory.Sku;
import io.polyshop.shared.Money;
import io.polyshop.shared.Paging;
import io.polyshop.support.PolyshopIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A product is written to two stores; whatever fails, shoppers never see half of one. */
@PolyshopIntegrationTest
class ProductWritesTests {

	/** SKUs of the demo catalog ({@code BOOK-00001}) and of generated ones ({@code BOOK-K3F9Q-000001}). */
	static final java.util.regex.Pattern SAMPLE_SKU = java.util.regex.Pattern.compile("[A-Z]+-(\\d{5}|[A-Z0-9]{5}-\\d{6})");

	@Autowired
	ProductWrites writes;

	@Autowired
	ProductDocuments documents;

	@Autowired
	Catalog catalog;

	@Autowired
	Inventory inventory;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	SampleCatalogs samples;

	@Test
	void whenTheInventoryRefusesTheProductNoDocumentIsLeft() {
		String sku = sku();
		inventory.add(new NewStockItem(Sku.of(sku), Money.of("5.00", "EUR"), 1)); // the SKU is taken in PostgreSQL only

		assertThatThrownBy(() -> writes.create(content(sku, "Half a product"))).isInstanceOf(DuplicateSku.class);

		assertThat(documents.find(sku)).isEmpty();
		assertThat(catalog.find(sku)).isEmpty();
	}

	@Test
	void anUnpublishedDraftIsInvisibleToShoppers() {
		String sku = sku();
		String word = "draft" + UUID.randomUUID().toString().substring(0, 8);
		documents.insertDraft(ProductDocument.draft(content(sku, "Draft " + word), "token", Instant.now()));
		inventory.add(new NewStockItem(Sku.of(sku), Money.of("5.00", "EUR"), 1)); // stopped before publishing

		assertThat(catalog.find(sku)).isEmpty();
		assertThat(catalog.titles(List.of(sku))).isEmpty();
		assertThat(catalog.search(new ProductQuery(word, null, Map.of()), Paging.of(0, 10)).items()).isEmpty();
		assertThatThrownBy(() -> writes.create(content(sku, "Again"))).isInstanceOf(ProductBeingCreated.class);
	}

	@Test
	void theCleanupFinishesOrUndoesCreatesThatStoppedHalfWay() {
		Instant longAgo = Instant.now().minus(Duration.ofHours(1));
		String inInventory = sku();
		String notInInventory = sku();
		String recent = sku();
		documents.insertDraft(ProductDocument.draft(content(inInventory, "Crashed before publishing"), "t1", longAgo));
		inventory.add(new NewStockItem(Sku.of(inInventory), Money.of("5.00", "EUR"), 2));
		documents.insertDraft(ProductDocument.draft(content(notInInventory, "Crashed before the inventory"), "t2", longAgo));
		documents.insertDraft(ProductDocument.draft(content(recent, "A create in flight"), "t3", Instant.now()));

		var resolution = writes.resolveDraftsCreatedBefore(Instant.now().minus(Duration.ofMinutes(5)));

		assertThat(resolution.published()).isGreaterThanOrEqualTo(1);
		assertThat(resolution.deleted()).isGreaterThanOrEqualTo(1);
		assertThat(catalog.find(inInventory)).hasValueSatisfying(product -> {
			assertThat(product.title()).isEqualTo("Crashed before publishing");
			assertThat(product.available()).isEqualTo(2);
		});
		assertThat(documents.find(notInInventory)).isEmpty();
		assertThat(documents.find(recent)).hasValueSatisfying(draft -> assertThat(draft.published()).isFalse());
	}

	@Test
	void theGeneratorWritesPublishedProductsWithCategorySpecificAttributes() {
		long before = documents.count();

		int published = samples.generate(48);

		assertThat(published).isEqualTo(48);
		assertThat(documents.count() - before).isGreaterThanOrEqualTo(48);
		assertThat(catalog.categories()).extracting(c -> c.category())
				.contains("books", "laptops", "smartphones", "headphones", "cameras", "coffee", "tea", "board-games");
		// the embedded engine is asked one read (a $group it counts from the index), which answers what a MongoDB
		// server's shape (distinct + a count per category) does
		assertThat(documents.countsGroupsFromIndex()).isTrue();
		assertThat(documents.categoriesInOneRead()).isNotEmpty().isEqualTo(documents.categoriesByDistinctAndCounts());
		assertThat(catalog.search(new ProductQuery("", "books", Map.of()), Paging.of(0, 100)).items())
				.filteredOn(book -> SAMPLE_SKU.matcher(book.sku()).matches()).isNotEmpty().allSatisfy(book -> {
			var page = catalog.find(book.sku()).orElseThrow();
			assertThat(page.attributes()).containsKeys("author", "isbn", "publisher");
			assertThat(page.price().currency()).isEqualTo("EUR");
		});
		assertThat(catalog.search(new ProductQuery(null, "laptops", Map.of()), Paging.of(0, 100)).items())
				.filteredOn(laptop -> SAMPLE_SKU.matcher(laptop.sku()).matches()).isNotEmpty().allSatisfy(laptop -> assertThat(catalog.find(laptop.sku()).orElseThrow().attributes()).containsKeys("cpu", "ramGb"));
	}

	@Test
	void theDemoCatalogIsLoadedOnceAndIsTheSameEverywhere() {
		// loaded at the first start on an empty store; its SKUs and contents come from a fixed seed
		assertThat(catalog.find("BOOK-00001")).hasValueSatisfying(book -> assertThat(book.category()).isEqualTo("books"));
		assertThat(catalog.find("GAME-00001")).hasValueSatisfying(game -> assertThat(game.attributes()).containsKey("players"));
		assertThat(mongo.count(new org.springframework.data.mongodb.core.query.Query(
				org.springframework.data.mongodb.core.query.Criteria.where("sku").regex("^[A-Z]+-\\d{5}$")), ProductDocument.class))
				.isEqualTo(320);
	}

	private static String sku() {
		return "DRAFT-" + UUID.randomUUID().toString().substring(0, 13).toUpperCase();
	}

	private static ProductContent content(String sku, String title) {
		return new ProductContent(sku, title, "", "tests", Map.of(), List.of(), Money.of("5.00", "EUR"), 1);
	}
}
