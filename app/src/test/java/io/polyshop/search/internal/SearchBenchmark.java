package io.polyshop.search.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.polyshop.catalog.Product;
import io.polyshop.search.SearchQuery;
import io.polyshop.search.SearchSort;
import io.polyshop.shared.Money;

/**
 * Search latency at 10k, 100k and 1M products: the index alone (a real request adds one inventory query for the
 * page's live price and stock). Prints p50/p99 per query shape and size. Not part of the default build; run with
 * {@code mvn -pl app verify -Dsurefire.skip=true -Dit.groups=benchmark -Dit.excludedGroups= -Dit.test=SearchBenchmark -Dfailsafe.failIfNoSpecifiedTests=false}
 * and choose the sizes with {@code -Dbenchmark.search.sizes=10000,100000,1000000}; with
 * {@code -Dbenchmark.search.directory=/some/dir} the indexes are kept there and reused by the next run.
 */
@Tag("benchmark")
class SearchBenchmark {

	static final String[] CATEGORIES = { "books", "lighting", "kitchen", "garden", "audio", "toys", "sports", "office" };
	private static final String[] COLOURS = { "amber", "black", "white", "red", "green", "blue", "teal", "grey", "orange", "purple", "brown", "pink" };
	private static final String[] MATERIALS = { "oak", "steel", "glass", "cotton", "wool", "bamboo", "ceramic", "leather" };
	static final String[] NOUNS = { "lamp", "lantern", "kettle", "grinder", "speaker", "notebook", "chair", "racket", "puzzle",
			"blanket", "shovel", "teapot", "headphones", "backpack", "desk", "mug", "clock", "mirror", "planter", "bottle" };
	static final String[] ADJECTIVES = { "vintage", "compact", "solar", "wireless", "handmade", "classic", "modern", "rustic",
			"portable", "quiet", "bright", "folding", "ergonomic", "heavy", "light", "smart" };

	@Test
	void searchLatencyBySize() throws IOException {
		String sizes = System.getProperty("benchmark.search.sizes", "10000,100000,1000000");
		int queries = Integer.getInteger("benchmark.search.queries", 400);
		System.out.printf("%n| products | query | p50 ms | p99 ms | max ms |%n|---|---|---|---|---|%n");
		for (String size : sizes.split(",")) {
			run(Integer.parseInt(size.strip()), queries);
		}
	}

	private void run(int products, int queries) throws IOException {
		String kept = System.getProperty("benchmark.search.directory");
		Path directory = kept == null ? Files.createTempDirectory("search-benchmark") : Path.of(kept, Integer.toString(products));
		try (ProductIndex index = indexOf(directory, products)) {
			SearchQueries rules = new SearchQueries(index);
			Random pick = new Random(7);
			measure(index, rules, products, "browse a category, by title, with facets", queries,
					i -> new SearchQuery(null, CATEGORIES[pick.nextInt(CATEGORIES.length)], null, null, false, Map.of(), SearchSort.TITLE, 24, null));
			measure(index, rules, products, "two words, by relevance, with facets", queries,
					i -> new SearchQuery(ADJECTIVES[pick.nextInt(ADJECTIVES.length)] + " " + NOUNS[pick.nextInt(NOUNS.length)], null, null, null,
							false, Map.of(), SearchSort.RELEVANCE, 24, null));
			measure(index, rules, products, "a word with a typo, with facets", queries,
					i -> new SearchQuery(typo(NOUNS[pick.nextInt(NOUNS.length)], pick), null, null, null, false, Map.of(), SearchSort.RELEVANCE, 24, null));
			measure(index, rules, products, "filters: category, price, in stock, colour; by price", queries,
					i -> new SearchQuery(null, CATEGORIES[pick.nextInt(CATEGORIES.length)], new java.math.BigDecimal("20"), new java.math.BigDecimal("120"),
							true, Map.of("colour", List.of(COLOURS[pick.nextInt(COLOURS.length)])), SearchSort.PRICE, 24, null));
			measure(index, rules, products, "everything, by price, with facets", queries,
					i -> new SearchQuery(null, null, null, null, false, Map.of(), SearchSort.PRICE, 24, null));
			deepPaging(index, rules, products);
		}
		finally {
			if (kept == null) {
				try (var files = Files.walk(directory)) {
					files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
				}
			}
		}
	}

	/**
	 * The generated catalog's index in that directory: built there, or (when a previous run with
	 * {@code -Dbenchmark.search.directory} left it complete) opened as it is, so runs can time the queries alone.
	 */
	static ProductIndex indexOf(Path directory, int products) throws IOException {
		ProductIndex index = new ProductIndex(directory);
		if (index.isBuilt() && index.documents() == products) {
			System.out.printf("| %d | (index reused from %s, %.0f MB on disk) | | | |%n", products, directory, index.sizeBytes() / 1e6);
			return index;
		}
		index.deleteAll();
		long started = System.nanoTime();
		Random random = new Random(42);
		List<Product> batch = new ArrayList<>(10_000);
		for (int i = 0; i < products; i++) {
			batch.add(product(i, random));
			if (batch.size() == 10_000) {
				index.upsert(batch);
				batch.clear();
			}
		}
		index.upsert(batch);
		index.commit(new ProductIndex.FeedPosition(Instant.now(), ""));
		System.out.printf("| %d | (indexed in %.1f s, %.0f MB on disk) | | | |%n", products, (System.nanoTime() - started) / 1e9,
				index.sizeBytes() / 1e6);
		return index;
	}

	private static void measure(ProductIndex index, SearchQueries rules, int products, String name, int queries,
			IntFunction<SearchQuery> query) throws IOException {
		for (int i = 0; i < queries / 4; i++) { // warm-up
			SearchQuery q = query.apply(i);
			index.search(rules.query(q), rules.sort(q.sort()), null, q.size(), true);
		}
		long[] nanos = new long[queries];
		for (int i = 0; i < queries; i++) {
			SearchQuery q = query.apply(i);
			long start = System.nanoTime();
			index.search(rules.query(q), rules.sort(q.sort()), null, q.size(), true);
			nanos[i] = System.nanoTime() - start;
		}
		print(products, name, nanos);
	}

	/** Page after page with the cursor, 200 pages deep: the cost of page 200 is the cost of page 1. */
	private static void deepPaging(ProductIndex index, SearchQueries rules, int products) throws IOException {
		SearchQuery q = new SearchQuery(null, null, null, null, false, Map.of(), SearchSort.TITLE, 24, null);
		long[] nanos = new long[200];
		org.apache.lucene.search.FieldDoc after = null;
		for (int page = 0; page < nanos.length; page++) {
			long start = System.nanoTime();
			ProductIndex.Hits hits = index.search(rules.query(q), rules.sort(q.sort()), after, 24, false);
			nanos[page] = System.nanoTime() - start;
			after = hits.last();
		}
		print(products, "pages 1-200 with the cursor, by title", nanos);
	}

	private static void print(int products, String name, long[] nanos) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		System.out.printf("| %d | %s | %.2f | %.2f | %.2f |%n", products, name, sorted[sorted.length / 2] / 1e6,
				sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6, sorted[sorted.length - 1] / 1e6);
	}

	/** Two neighbouring letters swapped: a typo one edit away (words under five letters are left alone). */
	static String typo(String word, Random random) {
		if (word.length() < 5) {
			return word;
		}
		int at = 1 + random.nextInt(word.length() - 2);
		char[] chars = word.toCharArray();
		char swap = chars[at];
		chars[at] = chars[at + 1];
		chars[at + 1] = swap;
		return new String(chars);
	}

	static Product product(int i, Random random) {
		String category = CATEGORIES[i % CATEGORIES.length];
		String title = ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " " + NOUNS[random.nextInt(NOUNS.length)] + " " + (i % 997);
		StringBuilder description = new StringBuilder();
		for (int w = 0; w < 20; w++) {
			description.append(w % 3 == 0 ? NOUNS[random.nextInt(NOUNS.length)] : ADJECTIVES[random.nextInt(ADJECTIVES.length)]).append(' ');
		}
		Map<String, String> attributes = new LinkedHashMap<>();
		attributes.put("colour", COLOURS[random.nextInt(COLOURS.length)]);
		attributes.put("material", MATERIALS[random.nextInt(MATERIALS.length)]);
		attributes.put("brand", "brand-" + random.nextInt(50));
		String price = (1 + random.nextInt(500)) + "." + (10 + random.nextInt(90));
		return new Product(String.format("GEN-%08d", i), title, description.toString(), category, attributes, List.of(),
				Money.of(price, "EUR"), random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(50));
	}
}
