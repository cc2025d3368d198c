package io.polyshop.search.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.range.LongRange;
import org.apache.lucene.facet.range.LongRangeFacetCounts;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

import io.polyshop.catalog.Product;

/**
 * The Lucene index of the catalog: one document per product, holding what search, filters, sorting and facets need
 * (text, category, attributes, price in minor units, in stock or not). Writes come from one thread (the feed); reads
 * from any thread through near-real-time searchers that are refreshed only after a commit, so a running rebuild is
 * never seen half-done. The last commit carries how far the inventory change feed had been followed.
 */
final class ProductIndex implements Closeable {

	static final String SKU = "sku";
	static final String SKU_SORT = "sku_sort";
	static final String TITLE = "title";
	static final String TITLE_SORT = "title_sort";
	static final String DESCRIPTION = "description";
	static final String ATTRIBUTE_TEXT = "attributes";
	static final String CATEGORY = "category";
	static final String PRICE = "price";
	static final String IN_STOCK = "in_stock";
	static final String ATTRIBUTE_PREFIX = "attr.";
	/** Every word of the title, description and attribute values, for matching only: no frequencies, no positions. */
	static final String WORDS = "words";
	/**
	 * The version of the fields above: an index committed with another (or none) is not taken as built, so the instance
	 * rebuilds it at start-up. 2: the {@link #WORDS} field.
	 */
	static final String SCHEMA_VERSION = "2";
	/**
	 * How many matches a page search counts exactly; beyond that Lucene may skip products that cannot make the page. The
	 * total is counted separately (with the facets on a first page, by {@link IndexSearcher#count} on the next ones).
	 */
	private static final int COUNTED_WHILE_RANKING = 1_000;
	private static final FieldType WORDS_TYPE = wordsType();

	private static final java.util.Set<String> STORED_FOR_HITS = java.util.Set.of(SKU, TITLE, CATEGORY);
	private static final String CAUGHT_UP_TO = "caughtUpTo";
	private static final String CAUGHT_UP_TO_SKU = "caughtUpToSku";
	private static final String SCHEMA = "schema";
	private static final int FACET_VALUES = 20;
	/** Price bands in minor units (cents): under 10, 10-25, 25-50, 50-100, 100-250, 250 and more. */
	private static final long[] PRICE_BANDS = { 0, 1_000, 2_500, 5_000, 10_000, 25_000 };

	private final Path path;
	private final Directory directory;
	private final Analyzer analyzer = new EnglishAnalyzer();
	private final FacetsConfig facetsConfig = new FacetsConfig();
	private final IndexWriter writer;
	private final SearcherManager searchers;
	private final boolean existed;
	private volatile FeedPosition position;
	private FacetState facetState;
	/**
	 * Counts the matches and their facets while the searching thread ranks the page. A count no thread has started yet
	 * when the page is ranked runs on the searching thread instead, so a busy pool costs nothing but the queueing.
	 */
	private final ExecutorService countingThreads = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()),
			countingThread());
	private EverythingFacets everythingFacets;

	/** Where the inventory change feed was left: every change up to (at, sku) is in the index. */
	record FeedPosition(Instant at, String sku) {
	}

	private record FacetState(IndexReader reader, SortedSetDocValuesReaderState state) {
	}

	private record EverythingFacets(IndexReader reader, List<FacetResult> facets) {
	}

	/** One page of hits: SKUs in order, the sort values of the last one, the total and (first page) the facets. */
	record Hits(List<Hit> hits, FieldDoc last, long total, List<FacetResult> facets) {
	}

	/** What the index keeps of a product for a result list; price and stock are read live from the inventory. */
	record Hit(String sku, String title, String category) {
	}

	/**
	 * The copies the index holds of a product (the audit compares them with the catalog and the inventory).
	 *
	 * @param copies live documents with this SKU: 1, unless something went wrong
	 */
	record IndexedProduct(String sku, String title, String category, long priceMinorUnits, boolean inStock, int copies) {
	}

	private static final java.util.Set<String> STORED_FOR_AUDIT = java.util.Set.of(SKU, TITLE, CATEGORY, PRICE, IN_STOCK);

	ProductIndex(Path path) {
		this.path = path;
		try {
			Files.createDirectories(path);
			this.directory = FSDirectory.open(path);
			this.existed = DirectoryReader.indexExists(directory);
			Map<String, String> committed = existed ? SegmentInfos.readLatestCommit(directory).getUserData() : Map.of();
			this.position = committed.containsKey(CAUGHT_UP_TO) && SCHEMA_VERSION.equals(committed.get(SCHEMA))
					? new FeedPosition(Instant.parse(committed.get(CAUGHT_UP_TO)), committed.getOrDefault(CAUGHT_UP_TO_SKU, ""))
					: null;
			this.writer = new IndexWriter(directory, new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
			this.searchers = new SearcherManager(writer, new SearcherFactory());
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot open the search index in " + path, e);
		}
	}

	/** Whether the index has been completely built once (a rebuild commits its feed position when it finishes). */
	boolean isBuilt() {
		return position != null;
	}

	boolean existedAtStart() {
		return existed;
	}

	Optional<FeedPosition> position() {
		return Optional.ofNullable(position);
	}

	Path path() {
		return path;
	}

	void upsert(Collection<Product> products) throws IOException {
		for (Product product : products) {
			writer.updateDocument(new Term(SKU, product.sku()), facetsConfig.build(document(product)));
		}
	}

	void delete(Collection<String> skus) throws IOException {
		writer.deleteDocuments(skus.stream().map(sku -> new Term(SKU, sku)).toArray(Term[]::new));
	}

	void deleteAll() throws IOException {
		writer.deleteAll();
	}

	/** Makes the changes durable together with the feed position they reach, then visible to searches. */
	void commit(FeedPosition reached) throws IOException {
		writer.setLiveCommitData(Map.of(CAUGHT_UP_TO, reached.at().toString(), CAUGHT_UP_TO_SKU, reached.sku(), SCHEMA, SCHEMA_VERSION).entrySet());
		writer.commit();
		position = reached;
		searchers.maybeRefreshBlocking();
	}

	/**
	 * A page of the query's matches in the sort's order after {@code after}, the exact total, and (when asked) the facets.
	 * Two passes over the index: one over the {@code matching} form counts the total and the facets without scoring
	 * (conjunctions of single-field word postings), one over the {@code ranked} form finds the page, counting only the
	 * first {@link #COUNTED_WHILE_RANKING} matches exactly so that Lucene may skip blocks of products whose best
	 * possible score (or sort value) cannot make the page (at 1M products and two common words, 10.6 ms p50 against
	 * 23.9 ms for scoring every match in a profiling loop; docs/search.md). The two passes run side by side, the count
	 * on a counting thread.
	 */
	Hits search(SearchQueries.IndexQuery query, Sort sort, FieldDoc after, int size, boolean withFacets) throws IOException {
		return search(query, sort, after, 0, size, withFacets);
	}

	/**
	 * The page that skips the first {@code offset} matches (the catalog list's numbered pages): it ranks
	 * {@code offset + size} hits, so its cost grows with the offset, which callers bound.
	 */
	Hits page(SearchQueries.IndexQuery query, Sort sort, int offset, int size) throws IOException {
		return search(query, sort, null, offset, size, false);
	}

	private Hits search(SearchQueries.IndexQuery query, Sort sort, FieldDoc after, int offset, int size, boolean withFacets)
			throws IOException {
		return read(searcher -> {
			if (searcher.getIndexReader().maxDoc() == 0) {
				return new Hits(List.of(), null, 0, List.of());
			}
			// a cursor's hit may be gone: the last document id of this reader breaks no tie
			FieldDoc from = after == null ? null
					: new FieldDoc(Math.max(0, searcher.getIndexReader().maxDoc() - 1), after.score, after.fields);
			int ranked = Math.min(offset + size, Math.max(1, searcher.getIndexReader().maxDoc()));
			if (query.matching() instanceof MatchAllDocsQuery) {
				// the whole catalog: its size is known and its facets are counted once per index version
				TopFieldDocs top = searcher.search(query.ranked(), new TopFieldCollectorManager(sort, ranked, from, COUNTED_WHILE_RANKING));
				return hits(searcher, query, top, offset, size, searcher.getIndexReader().numDocs(),
						withFacets ? facetsOfEverything(searcher) : List.of());
			}
			// the count (and the facets) on another core while this thread ranks; whichever thread gets to it first runs it
			FutureTask<Counted> counting = new FutureTask<>(() -> count(searcher, query.matching(), withFacets));
			countingThreads.execute(counting);
			TopFieldDocs top;
			try {
				top = searcher.search(query.ranked(), new TopFieldCollectorManager(sort, ranked, from, COUNTED_WHILE_RANKING));
			}
			catch (IOException | RuntimeException e) {
				counting.cancel(false); // not started yet: never started
				throw e;
			}
			counting.run(); // no-op when a counting thread has started it
			Counted counted = result(counting);
			return hits(searcher, query, top, offset, size, counted.total(), counted.facets());
		});
	}

	/** The exact number of matches and (when asked, and there are matches) their facets: every match visited, none scored. */
	private record Counted(long total, List<FacetResult> facets) {
	}

	private Counted count(IndexSearcher searcher, Query matching, boolean withFacets) throws IOException {
		if (!withFacets) {
			return new Counted(searcher.count(matching), List.of());
		}
		FacetsCollector collected = searcher.search(matching, new FacetsCollectorManager());
		long total = collected.getMatchingDocs().stream().mapToLong(matches -> matches.totalHits).sum();
		return new Counted(total, total > 0 ? facets(searcher, collected) : List.of());
	}

	private static Counted result(FutureTask<Counted> counting) throws IOException {
		try {
			return counting.get();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new java.io.InterruptedIOException("interrupted while counting the matches");
		}
		catch (ExecutionException e) {
			if (e.getCause() instanceof IOException io) {
				throw io;
			}
			if (e.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(e.getCause());
		}
	}

	private Hits hits(IndexSearcher searcher, SearchQueries.IndexQuery query, TopFieldDocs top, int offset, int size, long total,
			List<FacetResult> facets) throws IOException {
		TopFieldCollector.populateScores(top.scoreDocs, searcher, query.ranked());
		List<Hit> hits = new ArrayList<>(Math.max(0, top.scoreDocs.length - offset));
		for (ScoreDoc hit : java.util.Arrays.asList(top.scoreDocs).subList(Math.min(offset, top.scoreDocs.length), top.scoreDocs.length)) {
			Document stored = searcher.storedFields().document(hit.doc, STORED_FOR_HITS);
			hits.add(new Hit(stored.get(SKU), stored.get(TITLE), stored.get(CATEGORY)));
		}
		FieldDoc last = top.scoreDocs.length == offset + size ? (FieldDoc) top.scoreDocs[top.scoreDocs.length - 1] : null;
		return new Hits(hits, last, total, facets);
	}

	/** Titles of the best matches of a query (suggestions). */
	List<String> titles(Query query, int limit) throws IOException {
		return read(searcher -> {
			List<String> titles = new ArrayList<>();
			for (ScoreDoc hit : searcher.search(query, limit * 2).scoreDocs) {
				String title = searcher.storedFields().document(hit.doc, java.util.Set.of(TITLE)).get(TITLE);
				if (!titles.contains(title) && titles.size() < limit) {
					titles.add(title);
				}
			}
			return titles;
		});
	}

	/** What the last commit holds of those SKUs; SKUs it does not hold are absent. */
	Map<String, IndexedProduct> indexed(Collection<String> skus) throws IOException {
		return read(searcher -> {
			Map<String, IndexedProduct> found = new LinkedHashMap<>();
			for (String sku : skus) {
				IndexedProduct product = indexed(searcher.getIndexReader(), new BytesRef(sku));
				if (product != null) {
					found.put(sku, product);
				}
			}
			return found;
		});
	}

	/**
	 * What the last commit holds of the SKUs after {@code afterSku} (null: from the first), in SKU order, at most
	 * {@code limit}: a walk over the SKU terms, whose cost per batch does not grow with the index.
	 */
	List<IndexedProduct> indexedAfter(String afterSku, int limit) throws IOException {
		return read(searcher -> {
			IndexReader reader = searcher.getIndexReader();
			Terms terms = MultiTerms.getTerms(reader, SKU);
			List<IndexedProduct> batch = new ArrayList<>();
			if (terms == null) {
				return batch;
			}
			TermsEnum skus = terms.iterator();
			TermsEnum.SeekStatus status = skus.seekCeil(new BytesRef(afterSku == null ? "" : afterSku));
			if (status == TermsEnum.SeekStatus.END) {
				return batch;
			}
			BytesRef term = status == TermsEnum.SeekStatus.FOUND && afterSku != null ? skus.next() : skus.term();
			for (; term != null && batch.size() < limit; term = skus.next()) {
				IndexedProduct product = indexed(reader, BytesRef.deepCopyOf(term));
				if (product != null) { // null: only deleted documents still carry the term
					batch.add(product);
				}
			}
			return batch;
		});
	}

	private static IndexedProduct indexed(IndexReader reader, BytesRef sku) throws IOException {
		Document first = null;
		int copies = 0;
		for (LeafReaderContext leaf : reader.leaves()) {
			Terms terms = leaf.reader().terms(SKU);
			if (terms == null) {
				continue;
			}
			TermsEnum skus = terms.iterator();
			if (!skus.seekExact(sku)) {
				continue;
			}
			Bits live = leaf.reader().getLiveDocs();
			PostingsEnum documents = skus.postings(null, PostingsEnum.NONE);
			for (int doc = documents.nextDoc(); doc != PostingsEnum.NO_MORE_DOCS; doc = documents.nextDoc()) {
				if (live == null || live.get(doc)) {
					copies++;
					if (first == null) {
						first = leaf.reader().storedFields().document(doc, STORED_FOR_AUDIT);
					}
				}
			}
		}
		if (first == null) {
			return null;
		}
		return new IndexedProduct(first.get(SKU), first.get(TITLE), first.get(CATEGORY), first.getField(PRICE).numericValue().longValue(),
				Boolean.parseBoolean(first.get(IN_STOCK)), copies);
	}

	long documents() {
		return readUnchecked(searcher -> (long) searcher.getIndexReader().numDocs());
	}

	long sizeBytes() {
		long bytes = 0;
		try {
			for (String file : directory.listAll()) {
				try {
					bytes += directory.fileLength(file);
				}
				catch (IOException | RuntimeException gone) {
					// a segment merged away between listing and measuring
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return bytes;
	}

	/** The facets of the whole catalog, counted once per index version (every browse without criteria shows them). */
	private synchronized List<FacetResult> facetsOfEverything(IndexSearcher searcher) throws IOException {
		if (everythingFacets == null || everythingFacets.reader() != searcher.getIndexReader()) {
			FacetsCollector all = searcher.search(new MatchAllDocsQuery(), new FacetsCollectorManager());
			everythingFacets = new EverythingFacets(searcher.getIndexReader(), facets(searcher, all));
		}
		return everythingFacets.facets();
	}

	private List<FacetResult> facets(IndexSearcher searcher, FacetsCollector collected) throws IOException {
		List<FacetResult> results = new ArrayList<>();
		SortedSetDocValuesReaderState state = facetState(searcher.getIndexReader());
		if (state != null) {
			SortedSetDocValuesFacetCounts counts = new SortedSetDocValuesFacetCounts(state, collected);
			for (FacetResult dimension : counts.getAllDims(FACET_VALUES)) {
				results.add(dimension);
			}
		}
		LongRange[] bands = new LongRange[PRICE_BANDS.length];
		for (int i = 0; i < PRICE_BANDS.length; i++) {
			long from = PRICE_BANDS[i];
			long to = i + 1 < PRICE_BANDS.length ? PRICE_BANDS[i + 1] : Long.MAX_VALUE;
			bands[i] = new LongRange(band(from, to), from, true, to, false);
		}
		FacetResult prices = new LongRangeFacetCounts(PRICE, collected, bands).getAllChildren(PRICE);
		List<LabelAndValue> nonEmpty = java.util.Arrays.stream(prices.labelValues).filter(v -> v.value.longValue() > 0).toList();
		results.add(new FacetResult(PRICE, new String[0], prices.value, nonEmpty.toArray(LabelAndValue[]::new), nonEmpty.size()));
		return results;
	}

	private static String band(long fromCents, long toCents) {
		String from = BigDecimal.valueOf(fromCents, 2).stripTrailingZeros().toPlainString();
		return toCents == Long.MAX_VALUE ? from + "-" : from + "-" + BigDecimal.valueOf(toCents, 2).stripTrailingZeros().toPlainString();
	}

	/** The ordinals of the facet values, built once per reader (it costs a pass over the values, not the documents). */
	private synchronized SortedSetDocValuesReaderState facetState(IndexReader reader) throws IOException {
		if (facetState == null || facetState.reader() != reader) {
			SortedSetDocValuesReaderState state;
			try {
				state = new DefaultSortedSetDocValuesReaderState(reader, facetsConfig);
			}
			catch (IllegalArgumentException noFacetValuesYet) {
				state = null;
			}
			facetState = new FacetState(reader, state);
		}
		return facetState.state();
	}

	private static java.util.concurrent.ThreadFactory countingThread() {
		java.util.concurrent.atomic.AtomicInteger threads = new java.util.concurrent.atomic.AtomicInteger();
		return work -> {
			Thread thread = new Thread(work, "search-count-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	private static FieldType wordsType() {
		FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
		type.setIndexOptions(org.apache.lucene.index.IndexOptions.DOCS);
		type.setOmitNorms(true);
		type.freeze();
		return type;
	}

	private static Document document(Product product) {
		Document document = new Document();
		document.add(new Field(WORDS, product.title(), WORDS_TYPE));
		document.add(new Field(WORDS, product.description() == null ? "" : product.description(), WORDS_TYPE));
		document.add(new StringField(SKU, product.sku(), Store.YES));
		document.add(new SortedDocValuesField(SKU_SORT, new BytesRef(product.sku())));
		document.add(new TextField(TITLE, product.title(), Store.YES));
		document.add(new SortedDocValuesField(TITLE_SORT, new BytesRef(product.title().toLowerCase(Locale.ROOT))));
		document.add(new TextField(DESCRIPTION, product.description() == null ? "" : product.description(), Store.NO));
		document.add(new StringField(CATEGORY, product.category(), Store.YES));
		document.add(new SortedSetDocValuesFacetField(CATEGORY, product.category()));
		long minorUnits = minorUnits(product.price().amount());
		document.add(new LongPoint(PRICE, minorUnits));
		document.add(new NumericDocValuesField(PRICE, minorUnits));
		document.add(new StoredField(PRICE, minorUnits));
		document.add(new StringField(IN_STOCK, Boolean.toString(product.available() > 0), Store.YES));
		Map<String, String> attributes = product.attributes() == null ? Map.of() : new LinkedHashMap<>(product.attributes());
		attributes.forEach((name, value) -> {
			if (name != null && !name.isBlank() && value != null && !value.isBlank()) {
				document.add(new StringField(ATTRIBUTE_PREFIX + name, value, Store.NO));
				document.add(new SortedSetDocValuesFacetField(ATTRIBUTE_PREFIX + name, value));
				document.add(new TextField(ATTRIBUTE_TEXT, value, Store.NO));
				document.add(new Field(WORDS, value, WORDS_TYPE));
			}
		});
		return document;
	}

	static long minorUnits(BigDecimal amount) {
		return amount.movePointRight(2).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
	}

	Analyzer analyzer() {
		return analyzer;
	}

	/** In how many titles and descriptions a word (as the index holds it) appears, counted from the term dictionary. */
	int documentsWith(String term) {
		return readUnchecked(searcher -> searcher.getIndexReader().docFreq(new Term(TITLE, term))
				+ searcher.getIndexReader().docFreq(new Term(DESCRIPTION, term)));
	}

	/** Something read from the index as its last refresh sees it. */
	private interface Read<T> {
		T from(IndexSearcher searcher) throws IOException;
	}

	private <T> T read(Read<T> read) throws IOException {
		IndexSearcher searcher = searchers.acquire();
		try {
			return read.from(searcher);
		}
		finally {
			searchers.release(searcher);
		}
	}

	private <T> T readUnchecked(Read<T> read) {
		try {
			return read(read);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public void close() throws IOException {
		countingThreads.shutdownNow();
		searchers.close();
		writer.close();
		directory.close();
	}
}
