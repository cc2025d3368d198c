package io.polyshop.search.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.facet.FacetResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.polyshop.catalog.Product;
import io.polyshop.search.SearchQuery;
import io.polyshop.search.SearchSort;
import io.polyshop.shared.Money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The index and the query rules on a real Lucene directory, without Spring or any other store. */
class ProductIndexTest {

	@TempDir
	Path directory;

	private ProductIndex index;
	private SearchQueries queries;

	@BeforeEach
	void indexACatalog() throws IOException {
		index = new ProductIndex(directory);
		queries = new SearchQueries(index);
		index.upsert(List.of(
				product("LAMP-1", "Amber reading lamp", "A warm lamp for long evenings.", "lighting", "12.00", 3, Map.of("colour", "amber")),
				product("LAMP-2", "Desk lamp", "Bright, adjustable; an amber shade.", "lighting", "30.00", 0, Map.of("colour", "black")),
				product("LANTERN-1", "Garden lantern", "Solar powered.", "lighting", "55.00", 9, Map.of("colour", "green")),
				product("BOOK-1", "The Lamplighter", "A novel.", "books", "9.50", 2, Map.of("author", "Maria Cummins"))));
		index.commit(new ProductIndex.FeedPosition(Instant.EPOCH, ""));
	}

	@AfterEach
	void close() throws IOException {
		index.close();
	}

	@Test
	void ranksTitleMatchesFirstAndToleratesTypos() throws IOException {
		assertThat(skus(search("amber lamp"))).containsExactly("LAMP-1", "LAMP-2");
		assertThat(skus(search("lmap"))).contains("LAMP-1", "LAMP-2"); // one transposition
		assertThat(skus(search("lantren"))).containsExactly("LANTERN-1");
		assertThat(skus(search("\"reading lamp\""))).containsExactly("LAMP-1");
		assertThat(skus(search("zebra"))).isEmpty();
	}

	@Test
	void aWordTheCatalogKnowsIsNotWidenedByTypoTolerance() throws IOException {
		index.upsert(List.of(product("LAMB-1", "Lamb stew pot", "Cast iron.", "kitchen", "40.00", 1, Map.of())));
		index.commit(new ProductIndex.FeedPosition(Instant.EPOCH, ""));

		// "lamp" is in three titles and descriptions: taken as typed, so "lamb" (one edit away) does not come with it
		assertThat(skus(search("lamp"))).containsOnly("LAMP-1", "LAMP-2");
		// "lamb" is in one document only: tolerated as a possible typo, so its neighbours come too
		assertThat(skus(search("lamb"))).contains("LAMB-1", "LAMP-1");
	}

	@Test
	void filtersByCategoryPriceStockAndAttributes() throws IOException {
		assertThat(skus(query(new SearchQuery(null, "lighting", null, null, false, Map.of(), SearchSort.PRICE, 24, null))))
				.containsExactly("LAMP-1", "LAMP-2", "LANTERN-1");
		assertThat(skus(query(new SearchQuery(null, null, new BigDecimal("10"), new BigDecimal("30"), false, Map.of(), SearchSort.PRICE, 24, null))))
				.containsExactly("LAMP-1", "LAMP-2");
		assertThat(skus(query(new SearchQuery("lamp", null, null, null, true, Map.of(), SearchSort.RELEVANCE, 24, null))))
				.containsExactly("LAMP-1");
		assertThat(skus(query(new SearchQuery(null, null, null, null, false, Map.of("colour", List.of("amber", "green")), SearchSort.TITLE, 24, null))))
				.containsExactly("LAMP-1", "LANTERN-1");
	}

	@Test
	void countsFacetsOverTheWholeResult() throws IOException {
		ProductIndex.Hits hits = query(new SearchQuery(null, null, null, null, false, Map.of(), SearchSort.RELEVANCE, 1, null));
		assertThat(hits.total()).isEqualTo(4);
		assertThat(counts(hits, "category")).containsEntry("lighting", 3L).containsEntry("books", 1L);
		assertThat(counts(hits, "attr.colour")).containsEntry("amber", 1L).containsEntry("black", 1L).containsEntry("green", 1L);
		assertThat(counts(hits, "price")).containsEntry("0-10", 1L).containsEntry("10-25", 1L).containsEntry("25-50", 1L)
				.containsEntry("50-100", 1L);
	}

	@Test
	void pagesWithCursorsWithoutGapsOrRepeats() throws IOException {
		for (int i = 0; i < 25; i++) {
			index.upsert(List.of(product("GEN-" + i, "Generated lamp " + i, "", "lighting", "1" + i + ".00", 1, Map.of())));
		}
		index.commit(new ProductIndex.FeedPosition(Instant.EPOCH, ""));
		for (SearchSort sort : SearchSort.values()) {
			List<String> walked = new ArrayList<>();
			String cursor = null;
			do {
				ProductIndex.Hits page = query(new SearchQuery("lamp", null, null, null, false, Map.of(), sort, 4, cursor));
				walked.addAll(skus(page));
				cursor = page.last() == null ? null : SearchQueries.cursor(sort, page.last());
			}
			while (cursor != null);
			assertThat(walked).as(sort.name()).hasSize(27).doesNotHaveDuplicates();
		}
	}

	@Test
	void aLargeResultIsRankedWithSkippingButCountedExactly() throws IOException {
		List<Product> many = new ArrayList<>();
		for (int i = 0; i < 2_500; i++) { // more than the ranking pass counts exactly
			many.add(product(String.format("MANY-%04d", i), (i % 7 == 0 ? "Lamp " : "Shade ") + i, i % 3 == 0 ? "lamp lamp" : "a lamp",
					i % 2 == 0 ? "lighting" : "garden", "1" + (i % 90) + ".00", 1, Map.of("colour", i % 5 == 0 ? "amber" : "grey")));
		}
		index.upsert(many);
		index.commit(new ProductIndex.FeedPosition(Instant.EPOCH, ""));

		ProductIndex.Hits hits = search("lamp");
		assertThat(hits.total()).isEqualTo(2_500 + 2);
		assertThat(counts(hits, "attr.colour")).containsEntry("amber", 500L + 1).containsEntry("grey", 2_000L);
		assertThat(counts(hits, "category")).containsEntry("lighting", 1_250L + 2).containsEntry("garden", 1_250L);
		// the same page as scoring every match
		SearchQueries.IndexQuery lamp = queries.query(new SearchQuery("lamp", null, null, null, false, Map.of(), SearchSort.RELEVANCE, 24, null));
		org.apache.lucene.search.IndexSearcher everyMatch = new org.apache.lucene.search.IndexSearcher(
				org.apache.lucene.index.DirectoryReader.open(org.apache.lucene.store.FSDirectory.open(directory)));
		org.apache.lucene.search.TopFieldDocs exhaustive = everyMatch.search(lamp.ranked(), 24, queries.sort(SearchSort.RELEVANCE));
		assertThat(exhaustive.totalHits.value).isEqualTo(2_502);
		assertThat(skus(hits)).containsExactlyElementsOf(java.util.Arrays.stream(exhaustive.scoreDocs).map(hit -> {
			try {
				return everyMatch.storedFields().document(hit.doc).get(ProductIndex.SKU);
			}
			catch (IOException e) {
				throw new java.io.UncheckedIOException(e);
			}
		}).toList());
		everyMatch.getIndexReader().close();
		// a next page counts its total too
		ProductIndex.Hits next = index.search(lamp, queries.sort(SearchSort.RELEVANCE), hits.last(), 24, false);
		assertThat(next.total()).isEqualTo(2_502);
		assertThat(skus(next)).doesNotContainAnyElementsOf(skus(hits)).hasSize(24);
		// and the cursor walks every match once, although the ranking skips
		for (SearchSort sort : List.of(SearchSort.RELEVANCE, SearchSort.PRICE_DESC, SearchSort.TITLE)) {
			Set<String> walked = new HashSet<>();
			String cursor = null;
			int pages = 0;
			do {
				ProductIndex.Hits page = query(new SearchQuery("lamp", null, null, null, false, Map.of(), sort, 100, cursor));
				assertThat(page.total()).isEqualTo(2_502);
				walked.addAll(skus(page));
				pages++;
				cursor = page.last() == null ? null : SearchQueries.cursor(sort, page.last());
			}
			while (cursor != null);
			assertThat(walked).as(sort.name()).hasSize(2_502);
			assertThat(pages).isEqualTo(26);
		}
	}

	@Test
	void searchesAtOnceEachGetTheirOwnExactTotalAndFacets() throws Exception {
		List<Product> many = new ArrayList<>();
		for (int i = 0; i < 2_500; i++) { // large results: the count and the facets run beside the ranking
			many.add(product(String.format("MANY-%04d", i), (i % 7 == 0 ? "Lamp " : "Shade ") + i, i % 3 == 0 ? "lamp lamp" : "a lamp",
					i % 2 == 0 ? "lighting" : "garden", "1" + (i % 90) + ".00", 1, Map.of("colour", i % 5 == 0 ? "amber" : "grey")));
		}
		index.upsert(many);
		index.commit(new ProductIndex.FeedPosition(Instant.EPOCH, ""));
		List<SearchQuery> searches = List.of(
				new SearchQuery("lamp", null, null, null, false, Map.of(), SearchSort.RELEVANCE, 24, null),
				new SearchQuery("shade", null, null, null, false, Map.of(), SearchSort.PRICE, 24, null),
				new SearchQuery("lamp", "garden", null, null, false, Map.of(), SearchSort.TITLE, 24, null),
				new SearchQuery("lamp", null, null, null, false, Map.of("colour", List.of("amber")), SearchSort.RELEVANCE, 24, null));
		List<ProductIndex.Hits> alone = new ArrayList<>();
		for (SearchQuery search : searches) {
			alone.add(query(search));
		}
		assertThat(alone.get(0).total()).isEqualTo(2_502);
		assertThat(alone.get(2).total()).isEqualTo(1_250);

		// more searches at once than counting threads: some counts queue, and their searching threads run them
		java.util.concurrent.ExecutorService shoppers = java.util.concurrent.Executors.newFixedThreadPool(8);
		try {
			List<java.util.concurrent.Future<?>> running = new ArrayList<>();
			for (int shopper = 0; shopper < 8; shopper++) {
				int first = shopper;
				running.add(shoppers.submit(() -> {
					for (int i = 0; i < 40; i++) {
						int which = (first + i) % searches.size();
						ProductIndex.Hits hits = query(searches.get(which));
						assertThat(hits.total()).as(searches.get(which).text()).isEqualTo(alone.get(which).total());
						assertThat(skus(hits)).isEqualTo(skus(alone.get(which)));
						for (String dimension : List.of("category", "attr.colour", "price")) {
							assertThat(counts(hits, dimension)).as(dimension).isEqualTo(counts(alone.get(which), dimension));
						}
					}
					return null;
				}));
			}
			for (java.util.concurrent.Future<?> shopper : running) {
				shopper.get();
			}
		}
		finally {
			shoppers.shutdownNow();
		}
	}

	@Test
	void numberedPagesSkipTheMatchesBefore() throws IOException {
		SearchQueries.IndexQuery lighting = queries.query(new SearchQuery("lamp", "lighting", null, null, false, Map.of(), SearchSort.TITLE, 1, null));
		ProductIndex.Hits second = index.page(lighting, queries.sort(SearchSort.TITLE), 1, 1);
		assertThat(skus(second)).containsExactly("LAMP-2"); // "Amber reading lamp", then "Desk lamp"
		assertThat(second.total()).isEqualTo(2);
		assertThat(skus(index.page(lighting, queries.sort(SearchSort.TITLE), 2, 1))).isEmpty();
	}

	@Test
	void textWithoutASearchableWordMatchesNothing() throws IOException {
		for (String text : List.of(".*", "the", "\\", "( [ ^")) {
			assertThat(search(text).total()).as(text).isZero();
		}
	}

	@Test
	void anIndexOfAnotherSchemaIsRebuilt(@TempDir Path older) throws IOException {
		try (var writer = new org.apache.lucene.index.IndexWriter(org.apache.lucene.store.FSDirectory.open(older),
				new org.apache.lucene.index.IndexWriterConfig())) {
			writer.setLiveCommitData(Map.of("caughtUpTo", "2026-11-25T10:00:00Z", "caughtUpToSku", "").entrySet());
			writer.commit();
		}
		try (ProductIndex reopened = new ProductIndex(older)) {
			assertThat(reopened.existedAtStart()).isTrue();
			assertThat(reopened.isBuilt()).as("an index without the words field").isFalse();
		}
	}

	@Test
	void refusesACursorOfAnotherSortOrNotOurs() throws IOException {
		ProductIndex.Hits page = query(new SearchQuery(null, null, null, null, false, Map.of(), SearchSort.PRICE, 1, null));
		String byPrice = SearchQueries.cursor(SearchSort.PRICE, page.last());
		assertThatThrownBy(() -> SearchQueries.after(SearchSort.TITLE, byPrice)).isInstanceOf(InvalidSearch.class);
		assertThatThrownBy(() -> SearchQueries.after(SearchSort.PRICE, "not-a-cursor!")).isInstanceOf(InvalidSearch.class);
	}

	@Test
	void anUpsertReplacesAndADeleteRemoves() throws IOException {
		index.upsert(List.of(product("LAMP-2", "Desk lamp", "", "lighting", "30.00", 5, Map.of())));
		index.delete(List.of("LANTERN-1"));
		index.commit(new ProductIndex.FeedPosition(Instant.parse("2026-11-25T00:00:00Z"), "LAMP-2"));
		assertThat(skus(query(new SearchQuery(null, "lighting", null, null, true, Map.of(), SearchSort.PRICE, 24, null))))
				.containsExactly("LAMP-1", "LAMP-2");
		assertThat(index.documents()).isEqualTo(3);
	}

	@Test
	void theFeedPositionSurvivesAReopen() throws IOException {
		index.commit(new ProductIndex.FeedPosition(Instant.parse("2026-11-25T10:00:00Z"), "LAMP-1"));
		index.close();
		index = new ProductIndex(directory);
		assertThat(index.isBuilt()).isTrue();
		assertThat(index.position()).contains(new ProductIndex.FeedPosition(Instant.parse("2026-11-25T10:00:00Z"), "LAMP-1"));
		assertThat(index.documents()).isEqualTo(4);
	}

	@Test
	void suggestsTitlesForWhatWasTypedSoFar() throws IOException {
		assertThat(index.titles(queries.suggestion("amber rea"), 8)).containsExactly("Amber reading lamp");
		assertThat(index.titles(queries.suggestion("lam"), 8)).contains("Amber reading lamp", "Desk lamp", "The Lamplighter");
	}

	@Test
	void walksItsSkusInOrderSkippingDeletedOnesForTheAudit() throws IOException {
		index.delete(List.of("LAMP-2"));
		index.commit(new ProductIndex.FeedPosition(Instant.EPOCH, ""));
		assertThat(index.indexedAfter(null, 2).stream().map(ProductIndex.IndexedProduct::sku)).containsExactly("BOOK-1", "LAMP-1");
		assertThat(index.indexedAfter("LAMP-1", 10).stream().map(ProductIndex.IndexedProduct::sku)).containsExactly("LANTERN-1");
		assertThat(index.indexedAfter("LANTERN-1", 10)).isEmpty();
		assertThat(index.indexed(List.of("LAMP-1", "LAMP-2", "NOPE-1"))).containsOnlyKeys("LAMP-1")
				.containsEntry("LAMP-1", new ProductIndex.IndexedProduct("LAMP-1", "Amber reading lamp", "lighting", 1200, true, 1));
	}

	@Test
	void theAuditTellsEveryStaleCopyApart() {
		Product lamp = product("LAMP-1", "Amber reading lamp", "", "lighting", "12.00", 3, Map.of());
		ProductIndex.IndexedProduct copy = new ProductIndex.IndexedProduct("LAMP-1", "Amber reading lamp", "lighting", 1200, true, 1);
		assertThat(SearchIndexAudit.difference(lamp, copy)).isNull();
		assertThat(SearchIndexAudit.difference(lamp, null)).isEqualTo("product not in the index");
		assertThat(SearchIndexAudit.difference(lamp, new ProductIndex.IndexedProduct("LAMP-1", "Amber reading lamp", "lighting", 1250, true, 1)))
				.isEqualTo("price 12.00 indexed as 12.50");
		assertThat(SearchIndexAudit.difference(lamp, new ProductIndex.IndexedProduct("LAMP-1", "Amber lamp", "lighting", 1200, true, 1)))
				.startsWith("title");
		assertThat(SearchIndexAudit.difference(lamp, new ProductIndex.IndexedProduct("LAMP-1", "Amber reading lamp", "books", 1200, true, 1)))
				.startsWith("category");
		assertThat(SearchIndexAudit.difference(lamp, new ProductIndex.IndexedProduct("LAMP-1", "Amber reading lamp", "lighting", 1200, false, 1)))
				.isEqualTo("in stock, indexed as out of stock");
		assertThat(SearchIndexAudit.difference(lamp, new ProductIndex.IndexedProduct("LAMP-1", "Amber reading lamp", "lighting", 1200, true, 2)))
				.isEqualTo("indexed 2 times");
	}

	private ProductIndex.Hits search(String text) throws IOException {
		return query(new SearchQuery(text, null, null, null, false, Map.of(), SearchSort.RELEVANCE, 24, null));
	}

	private ProductIndex.Hits query(SearchQuery search) throws IOException {
		return index.search(queries.query(search), queries.sort(search.sort()),
				search.cursor() == null ? null : SearchQueries.after(search.sort(), search.cursor()), search.size(), true);
	}

	private static List<String> skus(ProductIndex.Hits hits) {
		return hits.hits().stream().map(ProductIndex.Hit::sku).toList();
	}

	private static Map<String, Long> counts(ProductIndex.Hits hits, String dimension) {
		FacetResult result = hits.facets().stream().filter(f -> f.dim.equals(dimension)).findFirst().orElseThrow();
		Map<String, Long> counts = new java.util.LinkedHashMap<>();
		for (var value : result.labelValues) {
			counts.put(value.label, value.value.longValue());
		}
		return counts;
	}

	private static Product product(String sku, String title, String description, String category, String price, int available,
			Map<String, String> attributes) {
		return new Product(sku, title, description, category, attributes, List.of(), Money.of(price, "EUR"), available);
	}
}
