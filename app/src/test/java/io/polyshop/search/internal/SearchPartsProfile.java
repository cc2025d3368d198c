package io.polyshop.search.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.range.LongRange;
import org.apache.lucene.facet.range.LongRangeFacetCounts;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.polyshop.search.SearchQuery;
import io.polyshop.search.SearchSort;

/**
 * Where the time of a two-word search at 1M products goes: the ranking pass and the counting pass timed apart, then
 * the two passes in turn against side by side ({@link ProductIndex#search}), interleaved query by query. Run like
 * {@link SearchBenchmark} with {@code -Dit.test=SearchPartsProfile -Dbenchmark.search.directory=/some/dir} (the index
 * is built there once and reused). Figures in docs/search.md.
 */
@Tag("benchmark")
class SearchPartsProfile {

	interface Part {
		void run(SearchQueries.IndexQuery q) throws IOException;
	}

	@Test
	void parts() throws IOException {
		Path dir = Path.of(System.getProperty("benchmark.search.directory", System.getProperty("java.io.tmpdir") + "/search-benchmark"), "1000000");
		SearchBenchmark.indexOf(dir, 1_000_000).close();
		try (ProductIndex index = new ProductIndex(dir); DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
			IndexSearcher searcher = new IndexSearcher(reader);
			System.out.println("segments " + reader.leaves().size());
			SearchQueries rules = new SearchQueries(index);
			var sort = rules.sort(SearchSort.RELEVANCE);
			var state = new DefaultSortedSetDocValuesReaderState(reader, new FacetsConfig());
			LongRange[] bands = { new LongRange("a", 0, true, 1000, false), new LongRange("b", 1000, true, 2500, false),
					new LongRange("c", 2500, true, 5000, false), new LongRange("d", 5000, true, 10000, false),
					new LongRange("e", 10000, true, 25000, false), new LongRange("f", 25000, true, Long.MAX_VALUE, false) };
			Random pick = new Random(7);
			Supplier<SearchQueries.IndexQuery> twoWords = () -> rules.query(new SearchQuery(
					SearchBenchmark.ADJECTIVES[pick.nextInt(SearchBenchmark.ADJECTIVES.length)] + " "
							+ SearchBenchmark.NOUNS[pick.nextInt(SearchBenchmark.NOUNS.length)],
					null, null, null, false, Map.of(), SearchSort.RELEVANCE, 24, null));
			Supplier<SearchQueries.IndexQuery> typo = () -> rules.query(new SearchQuery(
					SearchBenchmark.typo(SearchBenchmark.NOUNS[pick.nextInt(SearchBenchmark.NOUNS.length)], pick),
					null, null, null, false, Map.of(), SearchSort.RELEVANCE, 24, null));
			time("ranked page, 1000 counted", twoWords, q -> searcher.search(q.ranked(), new TopFieldCollectorManager(sort, 24, null, 1000)));
			time("ranked page, 24 counted", twoWords, q -> searcher.search(q.ranked(), new TopFieldCollectorManager(sort, 24, null, 24)));
			time("count(matching)", twoWords, q -> searcher.count(q.matching()));
			time("collect matching for facets", twoWords, q -> searcher.search(q.matching(), new FacetsCollectorManager()));
			time("collect + category/attribute counts", twoWords, q -> {
				FacetsCollector c = searcher.search(q.matching(), new FacetsCollectorManager());
				new SortedSetDocValuesFacetCounts(state, c).getAllDims(20);
			});
			time("collect + category/attribute + price counts", twoWords, q -> {
				FacetsCollector c = searcher.search(q.matching(), new FacetsCollectorManager());
				new SortedSetDocValuesFacetCounts(state, c).getAllDims(20);
				new LongRangeFacetCounts("price", c, bands).getAllChildren("price");
			});
			// the two passes in turn on one thread, as before 2026-11-26 (without reading the page's stored fields)
			Part sequential = q -> {
				searcher.search(q.ranked(), new TopFieldCollectorManager(sort, 24, null, 1000));
				FacetsCollector c = searcher.search(q.matching(), new FacetsCollectorManager());
				new SortedSetDocValuesFacetCounts(state, c).getAllDims(20);
				new LongRangeFacetCounts("price", c, bands).getAllChildren("price");
			};
			Part concurrent = q -> index.search(q, sort, null, 24, true);
			for (int round = 0; round < 2; round++) {
				ab("two words", twoWords, sequential, concurrent);
				ab("a typo", typo, sequential, concurrent);
			}
			System.out.println("two-word matches of ten: " + java.util.stream.IntStream.range(0, 10).mapToObj(i -> {
				try {
					return Integer.toString(searcher.count(twoWords.get().matching()));
				}
				catch (IOException e) {
					throw new RuntimeException(e);
				}
			}).toList());
			System.out.println("typo matches of ten: " + java.util.stream.IntStream.range(0, 10).mapToObj(i -> {
				try {
					return Integer.toString(searcher.count(typo.get().matching()));
				}
				catch (IOException e) {
					throw new RuntimeException(e);
				}
			}).toList());
		}
	}

	/** The two forms alternating query by query, so both see the same machine. */
	private static void ab(String name, Supplier<SearchQueries.IndexQuery> queries, Part a, Part b) throws IOException {
		for (int i = 0; i < 100; i++) {
			SearchQueries.IndexQuery q = queries.get();
			a.run(q);
			b.run(q);
		}
		long[] first = new long[400];
		long[] second = new long[400];
		for (int i = 0; i < first.length; i++) {
			SearchQueries.IndexQuery q = queries.get();
			boolean aFirst = i % 2 == 0;
			long start = System.nanoTime();
			(aFirst ? a : b).run(q);
			long middle = System.nanoTime();
			(aFirst ? b : a).run(q);
			long end = System.nanoTime();
			first[i] = aFirst ? middle - start : end - middle;
			second[i] = aFirst ? end - middle : middle - start;
		}
		Arrays.sort(first);
		Arrays.sort(second);
		System.out.printf("AB %-10s sequential p50 %6.2f p99 %6.2f max %6.2f | concurrent p50 %6.2f p99 %6.2f max %6.2f%n", name,
				first[200] / 1e6, first[395] / 1e6, first[399] / 1e6, second[200] / 1e6, second[395] / 1e6, second[399] / 1e6);
	}

	private static void time(String name, Supplier<SearchQueries.IndexQuery> queries, Part part) throws IOException {
		for (int i = 0; i < 100; i++) {
			part.run(queries.get());
		}
		long[] nanos = new long[400];
		for (int i = 0; i < nanos.length; i++) {
			SearchQueries.IndexQuery q = queries.get();
			long start = System.nanoTime();
			part.run(q);
			nanos[i] = System.nanoTime() - start;
		}
		Arrays.sort(nanos);
		System.out.printf("PART %-45s p50 %6.2f p90 %6.2f p99 %6.2f%n", name, nanos[200] / 1e6, nanos[359] / 1e6, nanos[395] / 1e6);
	}
}
