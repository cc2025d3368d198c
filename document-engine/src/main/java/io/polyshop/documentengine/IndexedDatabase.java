package io.polyshop.documentengine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;

/**
 * A database of {@link IndexedCollection}s in one MVStore, laid out as mongo-java-server's H2 backend lays it out (so
 * existing files open as they are), plus one B-tree per secondary index. An index missing from the file (declared
 * before this engine kept secondary indexes, or lost) is built once, with progress in the log; afterwards opening
 * reads no document. Also answers what the H2 backend does not: {@code explain} (with the plan and what it
 * examined), and {@code aggregate} pipelines whose first stage is a {@code $match} through the query planner (a
 * {@code countDocuments} is then an index count).
 */
final class IndexedDatabase extends AbstractSynchronizedMongoDatabase<Object> {

	private static final Logger log = LoggerFactory.getLogger(IndexedDatabase.class);

	private static final String META_PREFIX = "meta.";
	static final String DATABASES_PREFIX = "databases.";
	private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

	private final MVStore store;
	private final DocumentDataType documents = new DocumentDataType();

	IndexedDatabase(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
		super(databaseName, cursorRegistry);
		this.store = store;
		forgetUnsupportedIndexes();
		initializeNamespacesAndIndexes();
	}

	// --- storage, as H2Database ---

	/**
	 * A unique index's B-tree, its keys in value order ({@link UniqueKeyType}). One the H2 backend wrote (in the order
	 * of its keys' serialised bytes, no format mark in the metadata) is rebuilt once, with progress.
	 */
	@Override
	protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
		IndexedCollection collection = (IndexedCollection) resolveCollection(collectionName, true);
		MVMap<KeyValue, Object> map = store.openMap(mapNameForIndex(collectionName, indexName),
				new MVMap.Builder<KeyValue, Object>().keyType(UniqueKeyType.INSTANCE));
		UniqueIndex index = new UniqueIndex(map, indexName, keys, sparse);
		String format = "keys." + indexName;
		if (!UniqueKeyType.FORMAT.equals(collection.meta().get(format))) {
			if (!map.isEmpty()) {
				map.clear();
				build(collection, index);
			}
			collection.meta().put(format, UniqueKeyType.FORMAT);
		}
		return index;
	}

	@Override
	protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
		IndexedCollection collection = (IndexedCollection) resolveCollection(collectionName, true);
		MVMap<Object[], Boolean> entries = store.openMap(mapNameForIndex(collectionName, indexName),
				new MVMap.Builder<Object[], Boolean>().keyType(SecondaryIndex.keyType(keys)));
		SecondaryIndex index = new SecondaryIndex(indexName, keys, sparse, entries, collection.meta());
		String built = "built." + indexName;
		if (!Boolean.TRUE.equals(collection.meta().get(built))) {
			index.entries().clear();
			build(collection, index);
			collection.meta().put(built, Boolean.TRUE);
		}
		return index;
	}

	/** Reads every document once; logs progress every few seconds (a million documents take about a minute). */
	private void build(IndexedCollection collection, Index<Object> index) {
		long total = collection.data().sizeAsLong();
		if (total == 0) {
			return;
		}
		log.info("Building index {} of {} ({} documents)", index.getName(), collection.getFullName(), total);
		long started = System.nanoTime();
		long reported = started;
		long done = 0;
		try (PinnedVersion pinned = collection.pin()) {
			for (Map.Entry<Object, Document> entry : collection.data().entrySet()) {
				index.add(entry.getValue(), entry.getKey(), collection);
				done++;
				if (System.nanoTime() - reported > PROGRESS_EVERY_NANOS) {
					reported = System.nanoTime();
					log.info("Building index {} of {}: {} of {} documents", index.getName(), collection.getFullName(), done, total);
				}
			}
		}
		log.info("Built index {} of {} in {} ms", index.getName(), collection.getFullName(),
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
	}

	/** Only B-tree indexes exist here: a text, geo or hashed index is refused rather than silently ignored. */
	@Override
	protected void addIndex(Document indexDescription) {
		if (unsupported(indexDescription)) {
			throw new MongoServerError(67, "CannotCreateIndex",
					"the embedded document engine has no text, geo or hashed indexes: " + indexDescription.get("key"));
		}
		super.addIndex(indexDescription);
	}

	private static boolean unsupported(Document indexDescription) {
		return indexDescription.get("key") instanceof Document key && key.values().stream().anyMatch(value -> value instanceof String);
	}

	/** Files written before this engine may list a text index the old engine accepted and ignored. */
	private void forgetUnsupportedIndexes() {
		String name = DATABASES_PREFIX + getFullCollectionNamespace("system.indexes");
		if (store.hasMap(name)) {
			MVMap<Object, Document> descriptions = store.openMap(name, documentMap());
			List<Object> unsupported = new ArrayList<>();
			descriptions.forEach((key, description) -> {
				if (unsupported(description)) {
					unsupported.add(key);
				}
			});
			unsupported.forEach(descriptions::remove);
		}
	}

	@Override
	protected void dropIndex(MongoCollection<Object> collection, String indexName) {
		super.dropIndex(collection, indexName);
		store.removeMap(mapNameForIndex(collection.getCollectionName(), indexName));
		if (collection instanceof IndexedCollection indexed) {
			indexed.meta().remove("built." + indexName);
			indexed.meta().remove("multikey." + indexName);
			indexed.meta().remove("keys." + indexName);
		}
	}

	private String mapNameForIndex(String collectionName, String indexName) {
		return getFullCollectionNamespace(collectionName) + "._index_" + indexName;
	}

	@Override
	public void drop(Oplog oplog) {
		super.drop(oplog);
		List<String> names = store.getMapNames().stream().filter(name -> name.startsWith(databaseName + ".")
				|| name.startsWith(DATABASES_PREFIX + databaseName) || name.startsWith(META_PREFIX + databaseName)).toList();
		names.forEach(store::removeMap);
	}

	@Override
	protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
		String fullName = getFullCollectionNamespace(collectionName);
		MVMap<Object, Document> dataMap = store.openMap(DATABASES_PREFIX + fullName, documentMap());
		MVMap<String, Object> metaMap = store.openMap(META_PREFIX + fullName);
		return new IndexedCollection(this, collectionName, options, dataMap, metaMap, cursorRegistry);
	}

	/** A collection's documents: keyed by {@code _id} as the H2 backend keys them, values in BSON ({@link DocumentDataType}). */
	private MVMap.Builder<Object, Document> documentMap() {
		return new MVMap.Builder<Object, Document>().valueType(documents);
	}

	@Override
	protected long getStorageSize() {
		FileStore<?> fileStore = store.getFileStore();
		return fileStore != null ? fileStore.size() : 0;
	}

	@Override
	protected long getFileSize() {
		return getStorageSize();
	}

	@Override
	public void dropCollection(String collectionName, Oplog oplog) {
		super.dropCollection(collectionName, oplog);
		String fullName = getFullCollectionNamespace(collectionName);
		store.removeMap(DATABASES_PREFIX + fullName);
		store.removeMap(META_PREFIX + fullName);
	}

	@Override
	public void moveCollection(de.bwaldvogel.mongo.MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
		super.moveCollection(oldDatabase, collection, newCollectionName);
		String newFullName = getFullCollectionNamespace(newCollectionName);
		store.renameMap(store.openMap(DATABASES_PREFIX + collection.getFullName(), documentMap()), DATABASES_PREFIX + newFullName);
		store.renameMap(store.openMap(META_PREFIX + collection.getFullName()), META_PREFIX + newFullName);
	}

	// --- commands the H2 backend lacks or answers by reading every document ---

	@Override
	public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver databaseResolver, Oplog oplog) {
		if (command.equalsIgnoreCase("explain")) {
			clearLastStatus(channel);
			return explain((Document) query.get("explain"), databaseResolver, oplog);
		}
		if (command.equalsIgnoreCase("polyshopStats")) {
			MongoCollection<Object> collection = resolveCollection(String.valueOf(query.get(command)), false);
			Document response = new Document();
			if (collection instanceof IndexedCollection indexed) {
				DocumentStore.Statistics statistics = indexed.statistics(0);
				response.append("documentsExamined", statistics.documentsExamined()).append("keysExamined", statistics.keysExamined())
						.append("collectionScans", statistics.collectionScans()).append("count", statistics.documents());
			}
			Utils.markOkay(response);
			return response;
		}
		if (command.equalsIgnoreCase("aggregate") && query.get(command) instanceof String collectionName
				&& resolveCollection(collectionName, false) instanceof IndexedCollection collection) {
			List<Document> pipeline = Aggregation.parse(query.get("pipeline"));
			if (!pipeline.isEmpty() && pipeline.get(0).containsKey("$match")) {
				clearLastStatus(channel);
				List<Document> results = aggregate(collection, pipeline, query, databaseResolver, oplog, new IndexedCollection.Examined());
				return cursorResponse(collection.getFullName(), results);
			}
		}
		return super.handleCommand(channel, command, query, databaseResolver, oplog);
	}

	private List<Document> aggregate(IndexedCollection collection, List<Document> pipeline, Document query,
			DatabaseResolver databaseResolver, Oplog oplog, IndexedCollection.Examined examined) {
		Document match = (Document) pipeline.get(0).get("$match");
		List<Document> rest = pipeline.subList(1, pipeline.size());
		Document countStage = countStage(rest);
		if (countStage != null) {
			// countDocuments: [$match, ($skip), ($limit), $group {_id: constant, n: {$sum: 1}}]
			long matched = collection.count(match, examined);
			for (Document stage : rest) {
				if (stage.get("$skip") instanceof Number skip) {
					matched = Math.max(0, matched - skip.longValue());
				}
				if (stage.get("$limit") instanceof Number limit) {
					matched = Math.min(matched, limit.longValue());
				}
			}
			if (matched == 0) {
				return List.of();
			}
			long count = matched;
			Document group = (Document) countStage.get("$group");
			Document result = new Document("_id", group.get("_id"));
			group.keySet().stream().filter(key -> !key.equals("_id")).forEach(key -> result.append(key, count));
			return List.of(result);
		}
		List<Document> groups = groupCounts(collection, match, rest, examined);
		List<Document> afterGroups = groups != null ? rest.subList(1, rest.size()) : rest;
		Aggregation aggregation = Aggregation.fromPipeline(afterGroups, databaseResolver, this, collection, oplog);
		if (query.get("cursor") instanceof Document cursor && cursor.isEmpty()) {
			aggregation.validate(query); // a terminal stage ($out, $merge) only last
		}
		if (groups != null) {
			return afterGroups.isEmpty() ? groups : aggregation.runStages(groups.stream());
		}
		try (Stream<Document> matching = collection.matching(match, examined)) {
			return aggregation.runStages(matching);
		}
	}

	/**
	 * {@code [$match, $group {_id: "$field", n: {$sum: 1}}, …]} answered from an index's counts
	 * ({@link IndexedCollection#groupCounts}): the group documents, or null when this pipeline or no index allows it
	 * (then the stages run over the matching documents).
	 */
	private static List<Document> groupCounts(IndexedCollection collection, Document match, List<Document> rest,
			IndexedCollection.Examined examined) {
		if (rest.isEmpty() || !(rest.get(0).get("$group") instanceof Document group) || !(group.get("_id") instanceof String path)
				|| !path.startsWith("$") || path.startsWith("$$") || group.size() < 2 || !onlyCounts(group)) {
			return null;
		}
		List<Map.Entry<Object, Long>> counts = collection.groupCounts(match, path.substring(1), examined);
		if (counts == null) {
			return null;
		}
		List<Document> groups = new ArrayList<>();
		for (Map.Entry<Object, Long> count : counts) {
			Document result = new Document("_id", count.getKey());
			group.keySet().stream().filter(key -> !key.equals("_id")).forEach(key -> result.append(key, count.getValue()));
			groups.add(result);
		}
		return groups;
	}

	/** Whether every accumulator of the {@code $group} (but its _id) is {@code {$sum: 1}}. */
	private static boolean onlyCounts(Document group) {
		return group.entrySet().stream().filter(entry -> !entry.getKey().equals("_id"))
				.allMatch(entry -> entry.getValue() instanceof Document sum && sum.size() == 1 && sum.get("$sum") instanceof Number one
						&& one.doubleValue() == 1);
	}

	/** The {@code $group} stage when the pipeline after {@code $match} only counts, else null. */
	private static Document countStage(List<Document> rest) {
		if (rest.isEmpty()) {
			return null;
		}
		for (Document stage : rest.subList(0, rest.size() - 1)) {
			if (!stage.containsKey("$skip") && !stage.containsKey("$limit")) {
				return null;
			}
		}
		Document last = rest.get(rest.size() - 1);
		if (!(last.get("$group") instanceof Document group) || group.get("_id") instanceof String || group.get("_id") instanceof Document
				|| group.size() != 2) {
			return null;
		}
		return onlyCounts(group) ? last : null;
	}

	private Document explain(Document explained, DatabaseResolver databaseResolver, Oplog oplog) {
		String command = explained.keySet().iterator().next();
		String collectionName = String.valueOf(explained.get(command));
		if (!(resolveCollection(collectionName, false) instanceof IndexedCollection collection)) {
			throw new MongoServerError(26, "NamespaceNotFound", "no collection " + collectionName);
		}
		IndexedCollection.Examined examined = new IndexedCollection.Examined();
		QueryPlan plan;
		long returned;
		switch (command) {
			case "find" -> {
				Document filter = (Document) explained.getOrDefault("filter", new Document());
				Document sort = (Document) explained.get("sort");
				int skip = ((Number) explained.getOrDefault("skip", 0)).intValue();
				int limit = Math.abs(((Number) explained.getOrDefault("limit", 0)).intValue());
				plan = collection.plan(filter, sort, limit > 0 ? skip + (long) limit : 0);
				QueryResult result = collection.query(filter, sort, skip, limit, 0, (Document) explained.get("projection"), examined);
				returned = result.collectDocuments().size();
			}
			case "count" -> {
				Document filter = (Document) explained.getOrDefault("query", new Document());
				plan = collection.plan(filter, null, 0);
				returned = collection.count(filter, examined);
			}
			case "aggregate" -> {
				List<Document> pipeline = Aggregation.parse(explained.get("pipeline"));
				if (pipeline.isEmpty() || !pipeline.get(0).containsKey("$match")) {
					throw new MongoServerError(2, "BadValue", "explain answers aggregations that start with $match");
				}
				plan = collection.plan((Document) pipeline.get(0).get("$match"), null, 0);
				returned = aggregate(collection, pipeline, explained, databaseResolver, oplog, examined).size();
			}
			default -> throw new MongoServerError(2, "BadValue", "explain answers find, count and aggregate, not " + command);
		}
		Document response = new Document("queryPlanner", new Document("namespace", collection.getFullName())
				.append("winningPlan", plan.describe()))
				.append("executionStats", new Document("executionSuccess", true).append("nReturned", returned)
						.append("totalKeysExamined", examined.keys).append("totalDocsExamined", examined.documents));
		Utils.markOkay(response);
		return response;
	}

	private static Document cursorResponse(String namespace, List<Document> firstBatch) {
		Document cursor = new Document("id", 0L).append("ns", namespace).append("firstBatch", firstBatch);
		Document response = new Document("cursor", cursor);
		Utils.markOkay(response);
		return response;
	}
}
