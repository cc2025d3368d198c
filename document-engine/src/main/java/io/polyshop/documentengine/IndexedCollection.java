package io.polyshop.documentengine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterators;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoCollection;
import de.bwaldvogel.mongo.backend.Assert;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A collection as mongo-java-server's H2 backend stores it (documents in an MVMap keyed by {@code _id}, same map names,
 * same format), read through {@link QueryPlanner} instead of by walking every document: a filter that fixes the
 * {@code _id} reads those documents only, whatever else it says; one that fixes the leading fields of a secondary
 * index reads that index range, in index order when that is the requested sort, and stops after skip + limit. Counts
 * of an exact index range are read from the B-tree's counts, without reading documents.
 */
final class IndexedCollection extends AbstractSynchronizedMongoCollection<Object> {

	private static final String DATA_SIZE_KEY = "dataSize";

	private final MVMap<Object, Document> dataMap;
	private final MVMap<String, Object> metaMap;

	/** What queries read since the start, for {@code polyshopStats} and the tests: proof that indexes are used. */
	private final AtomicLong documentsExamined = new AtomicLong();
	private final AtomicLong keysExamined = new AtomicLong();
	private final AtomicLong collectionScans = new AtomicLong();

	/** What one query read. */
	static final class Examined {
		long documents;
		long keys;
	}

	IndexedCollection(MongoDatabase database, String collectionName, CollectionOptions options, MVMap<Object, Document> dataMap,
			MVMap<String, Object> metaMap, CursorRegistry cursorRegistry) {
		super(database, collectionName, options, cursorRegistry);
		this.dataMap = dataMap;
		this.metaMap = metaMap;
		this.metaMap.putIfAbsent(DATA_SIZE_KEY, 0L);
	}

	MVMap<String, Object> meta() {
		return metaMap;
	}

	MVMap<Object, Document> data() {
		return dataMap;
	}

	DocumentStore.Statistics statistics(long commits) {
		return new DocumentStore.Statistics(documentsExamined.get(), keysExamined.get(), collectionScans.get(), dataMap.size(), commits);
	}

	// --- storage, as H2Collection ---

	@Override
	protected void updateDataSize(int sizeDelta) {
		synchronized (metaMap) {
			Number value = (Number) metaMap.get(DATA_SIZE_KEY);
			metaMap.put(DATA_SIZE_KEY, value.longValue() + sizeDelta);
		}
	}

	@Override
	protected int getDataSize() {
		return ((Number) metaMap.get(DATA_SIZE_KEY)).intValue();
	}

	@Override
	protected Object addDocumentInternal(Document document) {
		Object key = getIdField() != null ? Utils.getSubdocumentValue(document, getIdField()) : UUID.randomUUID();
		Document previous = dataMap.put(Missing.ofNullable(key), document);
		Assert.isNull(previous, () -> "Document with key '" + key + "' already existed in " + this + ": " + previous);
		return key;
	}

	@Override
	public int count() {
		return dataMap.size();
	}

	@Override
	public boolean isEmpty() {
		return dataMap.isEmpty();
	}

	@Override
	protected Document getDocument(Object position) {
		return dataMap.get(position);
	}

	@Override
	protected void removeDocument(Object position) {
		if (dataMap.remove(position) == null) {
			throw new NoSuchElementException("No document with key " + position);
		}
	}

	@Override
	protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
		return dataMap.entrySet().stream().map(entry -> new DocumentWithPosition<>(entry.getValue(), entry.getKey()));
	}

	@Override
	protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
			Document fieldSelector) {
		// only reached for {$natural: -1}: every document, backwards
		Stream<Document> documents = streamAllDocumentsWithPosition()
				.sorted((o1, o2) -> ValueComparator.desc().compare(o1.getPosition(), o2.getPosition()))
				.map(DocumentWithPosition::getDocument);
		return matchDocumentsFromStream(documents, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
	}

	@Override
	protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
		dataMap.put(Missing.ofNullable(position), newDocument);
	}

	// --- the indexed query path ---

	List<SecondaryIndex> secondaryIndexes() {
		List<SecondaryIndex> secondary = new ArrayList<>();
		for (Index<Object> index : getIndexes()) {
			if (index instanceof SecondaryIndex s) {
				secondary.add(s);
			}
		}
		return secondary;
	}

	/** @param wanted skip + limit, or 0 when every match is wanted */
	QueryPlan plan(Document query, Document orderBy, long wanted) {
		Object first = dataMap.isEmpty() ? null : dataMap.firstKey();
		boolean stringIds = first instanceof String && dataMap.lastKey() instanceof String;
		return QueryPlanner.plan(QueryConditions.of(query), orderBy, wanted, secondaryIndexes(), stringIds, dataMap.sizeAsLong());
	}

	/** Every read holds its version's pages until it ends ({@link PinnedVersion}). */
	PinnedVersion pin() {
		return PinnedVersion.of(dataMap.getStore());
	}

	@Override
	protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
			Document fieldSelector) {
		return query(query, orderBy, numberToSkip, limit, batchSize, fieldSelector, new Examined());
	}

	QueryResult query(Document query, Document orderBy, int numberToSkip, int limit, int batchSize, Document fieldSelector,
			Examined examined) {
		if (isNaturalDescending(orderBy)) {
			return matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
		}
		QueryPlan plan = plan(query, orderBy, limit > 0 ? Math.max(numberToSkip, 0) + (long) limit : 0);
		Comparator<Document> comparator = plan.ordered() ? null : deriveComparator(orderBy);
		try (PinnedVersion pinned = pin()) {
			return matchDocumentsFromStream(residual(query, plan), candidates(plan, examined), numberToSkip, limit, batchSize,
					comparator, fieldSelector);
		}
		finally {
			record(plan, examined);
		}
	}

	/**
	 * What is left to check of the filter on the documents the plan reads: documents read by their {@code _id} match
	 * its top-level {@code _id} condition already (checking a {@code $in} of 500 ids on each of 500 documents was
	 * most of the consistency check's time).
	 */
	private static Document residual(Document query, QueryPlan plan) {
		if (!plan.stage().equals("IDHACK") || !query.containsKey("_id")) {
			return query;
		}
		Document rest = new Document(query);
		rest.remove("_id");
		return rest;
	}

	/** The documents matching the filter, in no particular order, read as the planner says. */
	Stream<Document> matching(Document query, Examined examined) {
		QueryPlan plan = plan(query, null, 0);
		Document rest = residual(query, plan);
		PinnedVersion pinned = pin();
		return candidates(plan, examined).filter(document -> documentMatchesQuery(document, rest))
				.onClose(() -> record(plan, examined)).onClose(pinned::close);
	}

	private void record(QueryPlan plan, Examined examined) {
		documentsExamined.addAndGet(examined.documents);
		keysExamined.addAndGet(examined.keys);
		if (plan.stage().equals("COLLSCAN")) {
			collectionScans.incrementAndGet();
		}
	}

	@Override
	public synchronized int count(Document query, int skip, int limit) {
		if (query == null || query.isEmpty()) {
			return super.count(query, skip, limit);
		}
		Examined examined = new Examined();
		long count = count(query, examined);
		count = Math.max(0, count - Math.max(skip, 0));
		return (int) (limit > 0 ? Math.min(limit, count) : count);
	}

	long count(Document query, Examined examined) {
		if (query == null || query.isEmpty()) {
			return dataMap.sizeAsLong();
		}
		QueryPlan plan = plan(query, null, 0);
		try (PinnedVersion pinned = pin()) {
			if (plan.countable() && plan.stage().equals("IDHACK")) {
				return plan.ids().stream().filter(id -> {
					examined.keys++;
					return dataMap.containsKey(id);
				}).count();
			}
			if (plan.countable() && plan.stage().equals("IXSCAN") && !plan.index().multikey()) {
				examined.keys += 2L * plan.ranges().size();
				long count = QueryPlanner.entries(plan);
				return count;
			}
			Document rest = residual(query, plan);
			return candidates(plan, examined).filter(document -> documentMatchesQuery(document, rest)).count();
		}
		finally {
			record(plan, examined);
		}
	}

	/**
	 * {@code distinct}: when the filter fixes exactly the fields before the key in some index, the distinct values
	 * are read by skipping from one value to the next in that index (a few B-tree descents per value).
	 */
	@Override
	public synchronized Document handleDistinct(Document query) {
		String key = (String) query.get("key");
		Document filter = (Document) query.getOrDefault("query", new Document());
		QueryConditions conditions = QueryConditions.of(filter);
		if (conditions.exact() && conditions.fields().values().stream().allMatch(QueryConditions.FieldCondition::singleValue)) {
			for (SecondaryIndex index : secondaryIndexes()) {
				List<String> fields = index.fields();
				int position = fields.indexOf(key);
				if (position >= 0 && !index.multikey() && position == conditions.fields().size()
						&& conditions.fields().keySet().containsAll(fields.subList(0, position))) {
					List<Object> values = skipScan(index, fields.subList(0, position).stream()
							.map(field -> conditions.get(field).values().get(0)).toList());
					TreeSet<Object> sorted = new TreeSet<>(ValueComparator.ascWithoutListHandling());
					sorted.addAll(values);
					Document response = new Document("values", new ArrayList<>(sorted));
					Utils.markOkay(response);
					return response;
				}
			}
		}
		return super.handleDistinct(query);
	}

	/**
	 * {@code $match} then {@code $group} by a field, counting: when the filter fixes exactly the fields before that
	 * field in some index, each group is a run of equal values in that index, and its count is the difference of two
	 * B-tree ranks. The values are read by skipping from one to the next, so the whole answer takes two B-tree
	 * descents per group and reads no document (the 20 categories of a million products: 42 descents).
	 *
	 * @return each distinct value (null for a missing field, as {@code $group} has it) with how many documents hold
	 *         it, in index order; or null when no index answers this filter and field
	 */
	List<java.util.Map.Entry<Object, Long>> groupCounts(Document filter, String field, Examined examined) {
		QueryConditions conditions = QueryConditions.of(filter);
		if (!conditions.exact() || !conditions.fields().values().stream().allMatch(QueryConditions.FieldCondition::singleValue)) {
			return null;
		}
		for (SecondaryIndex index : secondaryIndexes()) {
			List<String> fields = index.fields();
			int position = fields.indexOf(field);
			if (position >= 0 && !index.multikey() && position == conditions.fields().size()
					&& conditions.fields().keySet().containsAll(fields.subList(0, position))) {
				List<Object> prefix = fields.subList(0, position).stream().map(name -> conditions.get(name).values().get(0)).toList();
				return rankCounts(index, prefix, examined);
			}
		}
		return null;
	}

	private List<java.util.Map.Entry<Object, Long>> rankCounts(SecondaryIndex index, List<Object> prefix, Examined examined) {
		int width = index.fields().size() + 1;
		int position = prefix.size();
		Object[] from = prefixBound(prefix, width, IndexKeyType.LOW);
		Object[] to = prefixBound(prefix, width, IndexKeyType.HIGH);
		MVMap<Object[], Boolean> entries = index.entries();
		IndexKeyType type = (IndexKeyType) entries.getKeyType();
		List<java.util.Map.Entry<Object, Long>> groups = new ArrayList<>();
		long keys = 0;
		try (PinnedVersion pinned = pin()) {
			Object[] found = entries.ceilingKey(from);
			keys += 2;
			long start = found == null ? 0 : entries.getKeyIndex(found);
			while (found != null && type.compare(found, to) <= 0) {
				Object value = found[position];
				from = pastValue(from, position, value);
				Object[] next = entries.ceilingKey(from);
				long end = next == null || type.compare(next, to) > 0 ? QueryPlanner.insertionPoint(entries, to) : entries.getKeyIndex(next);
				keys += 2;
				groups.add(new java.util.AbstractMap.SimpleImmutableEntry<>(value, end - start));
				found = next;
				start = end;
			}
		}
		finally {
			examined.keys += keys;
			keysExamined.addAndGet(keys);
		}
		return groups;
	}

	/** The key before (rest LOW) or after (rest HIGH) every entry of an index of this width that starts with prefix. */
	private static Object[] prefixBound(List<Object> prefix, int width, Object rest) {
		Object[] bound = new Object[width];
		for (int i = 0; i < width; i++) {
			bound[i] = i < prefix.size() ? prefix.get(i) : rest;
		}
		return bound;
	}

	/** The key after every entry that has {@code value} at {@code position} and the bound's fields before it. */
	private static Object[] pastValue(Object[] bound, int position, Object value) {
		Object[] past = bound.clone();
		past[position] = value;
		java.util.Arrays.fill(past, position + 1, past.length, IndexKeyType.HIGH);
		return past;
	}

	private List<Object> skipScan(SecondaryIndex index, List<Object> prefix) {
		int width = index.fields().size() + 1;
		int position = prefix.size();
		Object[] from = prefixBound(prefix, width, IndexKeyType.LOW);
		Object[] to = prefixBound(prefix, width, IndexKeyType.HIGH);
		MVMap<Object[], Boolean> entries = index.entries();
		IndexKeyType type = (IndexKeyType) entries.getKeyType();
		List<Object> values = new ArrayList<>();
		long keys = 0;
		try (PinnedVersion pinned = pin()) {
			for (Object[] found = entries.ceilingKey(from); found != null && type.compare(found, to) <= 0; found = entries.ceilingKey(from)) {
				keys++;
				Object value = found[position];
				values.add(value);
				from = pastValue(from, position, value);
			}
		}
		keysExamined.addAndGet(keys);
		return values;
	}

	/** The documents the plan reads, lazily (a page stops reading when it is full), counted into {@code examined}. */
	Stream<Document> candidates(QueryPlan plan, Examined examined) {
		return switch (plan.stage()) {
			case "IDHACK" -> plan.ids().stream().map(id -> {
				examined.documents++;
				return dataMap.get(id);
			}).filter(Objects::nonNull);
			case "IDSCAN" -> idRange(plan, examined);
			case "IXSCAN" -> indexRanges(plan, examined);
			default -> dataMap.values().stream().peek(document -> examined.documents++);
		};
	}

	private Stream<Document> idRange(QueryPlan plan, Examined examined) {
		Object[] range = plan.ranges().get(0);
		Cursor<Object, Document> cursor = dataMap.cursor(range[0], range[1], plan.reverse());
		Iterator<Document> documents = new Iterator<>() {
			private Document next = advance();

			private Document advance() {
				if (cursor.hasNext()) {
					Object key = cursor.next();
					if (key instanceof String) {
						examined.documents++;
						return cursor.getValue();
					}
				}
				return null;
			}

			@Override
			public boolean hasNext() {
				return next != null;
			}

			@Override
			public Document next() {
				Document current = next;
				next = advance();
				return current;
			}
		};
		return StreamSupport.stream(Spliterators.spliteratorUnknownSize(documents, 0), false);
	}

	private Stream<Document> indexRanges(QueryPlan plan, Examined examined) {
		MVMap<Object[], Boolean> entries = plan.index().entries();
		Set<Object> seen = plan.index().multikey() ? new HashSet<>() : null;
		return plan.ranges().stream().flatMap(range -> {
			Cursor<Object[], Boolean> cursor = entries.cursor((Object[]) range[0], (Object[]) range[1], plan.reverse());
			Iterator<Object[]> keys = new Iterator<>() {
				@Override
				public boolean hasNext() {
					return cursor.hasNext();
				}

				@Override
				public Object[] next() {
					examined.keys++;
					return cursor.next();
				}
			};
			return StreamSupport.stream(Spliterators.spliteratorUnknownSize(keys, 0), false);
		}).map(key -> key[key.length - 1]).filter(id -> seen == null || seen.add(id)).map(id -> {
			examined.documents++;
			return dataMap.get(Missing.ofNullable(id));
		}).filter(Objects::nonNull);
	}
}
