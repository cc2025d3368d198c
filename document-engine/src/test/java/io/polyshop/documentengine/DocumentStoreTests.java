package io.polyshop.documentengine;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.ExplainVerbosity;
import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.connection.ServerDescription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded document engine on its own (no Spring): the official Java driver with default settings connects; every
 * query shape the product issues reads an index (the engine's explain says what it examined); indexes survive a
 * restart and are rebuilt once if missing; an acknowledged write is on disk.
 */
@Tag("integration")
class DocumentStoreTests {

	private static final int CUSTOMERS = 20;
	private static final int ORDERS_PER_CUSTOMER = 40;
	private static final int PRODUCTS = 1200;
	private static final List<String> CATEGORIES = List.of("books", "games", "garden", "kitchen", "music", "toys");

	@TempDir
	Path directory;

	private DocumentStore store;
	private MongoClient client;

	@AfterEach
	void close() {
		if (client != null) {
			client.close();
		}
		if (store != null) {
			store.close();
		}
	}

	private MongoDatabase open(DocumentStore.Settings settings) {
		int port = freePort();
		store = DocumentStore.open(directory.resolve("polyshop.mv"), port, settings);
		client = MongoClients.create("mongodb://127.0.0.1:" + port); // the driver's defaults: its own handshake and monitoring
		return client.getDatabase("polyshop");
	}

	private void restart(DocumentStore.Settings settings) {
		client.close();
		store.close();
		client = null;
		store = null;
		open(settings);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	@Test
	void aCurrentDriverAcceptsTheEngineWithItsDefaultHandshake() {
		MongoDatabase database = open(DocumentStore.Settings.defaults());
		Document hello = database.runCommand(new Document("hello", 1));
		assertThat(hello.getBoolean("isWritablePrimary")).isTrue();
		assertThat(hello.getInteger("maxWireVersion")).isEqualTo(13);
		database.getCollection("things").insertOne(new Document("_id", "a"));
		ServerDescription server = client.getClusterDescription().getServerDescriptions().get(0);
		assertThat(server.isOk()).isTrue();
		assertThat(server.getMaxWireVersion()).isEqualTo(13);
		assertThat(database.runCommand(new Document("buildInfo", 1)).getString("version")).isEqualTo("5.0.0");
	}

	@Test
	void everyProductQueryShapeReadsAnIndexAndTheIndexesSurviveARestart() {
		MongoDatabase database = open(DocumentStore.Settings.defaults());
		fill(database);
		assertShapesUseIndexes(database);

		restart(DocumentStore.Settings.defaults());
		database = client.getDatabase("polyshop");
		assertThat(store.statistics("polyshop", "orders").documentsExamined()).isZero(); // opening read nothing
		assertShapesUseIndexes(database);
		// still maintained after the restart
		database.getCollection("orders").insertOne(order("c-1", 999, "COMPLETED"));
		assertThat(database.getCollection("orders").find(Filters.eq("customerId", "c-1")).sort(Sorts.descending("placedAt"))
				.first().getString("_id")).isEqualTo("o-c-1-999");
	}

	@Test
	void aMissingIndexIsRebuiltOnceAtOpen() {
		MongoDatabase database = open(DocumentStore.Settings.defaults());
		fill(database);
		client.close();
		store.close();
		client = null;
		store = null;
		try (org.h2.mvstore.MVStore raw = org.h2.mvstore.MVStore.open(directory.resolve("polyshop.mv").toString())) {
			raw.removeMap("polyshop.orders._index_by_customer_status_newest_first");
			raw.<String, Object>openMap("meta.polyshop.orders").remove("built.by_customer_status_newest_first");
		}
		open(DocumentStore.Settings.defaults());
		assertShapesUseIndexes(client.getDatabase("polyshop"));
	}

	/**
	 * Files written by mongo-java-server's own H2 backend (documents in Java serialisation) open as they are; a
	 * document is kept in BSON once it changes, and both kinds are read side by side. The unique {@code _id} index is
	 * rebuilt once in value order.
	 */
	@Test
	void aFileOfTheStockH2BackendOpensAndItsDocumentsMoveToBsonWhenTheyChange() {
		Path file = directory.resolve("polyshop.mv");
		int stockPort = freePort();
		de.bwaldvogel.mongo.backend.h2.H2Backend stock = new de.bwaldvogel.mongo.backend.h2.H2Backend(
				org.h2.mvstore.MVStore.open(file.toString()));
		de.bwaldvogel.mongo.MongoServer stockServer = new de.bwaldvogel.mongo.MongoServer(stock);
		stockServer.bind("127.0.0.1", stockPort);
		try (MongoClient stockClient = MongoClients.create("mongodb://127.0.0.1:" + stockPort)) {
			stockClient.getDatabase("polyshop").getCollection("orders")
					.insertMany(List.of(order("c-1", 1, "COMPLETED"), order("c-1", 2, "COMPLETED")));
		}
		stockServer.shutdown();
		stock.close();

		MongoCollection<Document> orders = open(DocumentStore.Settings.defaults()).getCollection("orders");
		assertThat(orders.find(Filters.eq("_id", "o-c-1-1")).first().getString("status")).isEqualTo("COMPLETED");
		// its _id index, kept in the order of Java-serialised bytes, was rebuilt in value order: it still knows every _id
		MongoCollection<Document> reopened = orders;
		assertThatThrownBy(() -> reopened.insertOne(order("c-1", 2, "COMPLETED"))).isInstanceOf(com.mongodb.MongoWriteException.class)
				.hasMessageContaining("duplicate key");
		orders.updateOne(Filters.eq("_id", "o-c-1-2"), new Document("$set", new Document("status", "CANCELLED")));
		restart(DocumentStore.Settings.defaults());
		orders = client.getDatabase("polyshop").getCollection("orders");
		assertThat(orders.find().sort(Sorts.ascending("_id")).map(order -> order.getString("status")).into(new ArrayList<>()))
				.containsExactly("COMPLETED", "CANCELLED");
		client.close();
		store.close();
		client = null;
		store = null;
		try (org.h2.mvstore.MVStore raw = new org.h2.mvstore.MVStore.Builder().fileName(file.toString()).readOnly().open()) {
			org.h2.mvstore.MVMap<Object, byte[]> bytes = raw.openMap("databases.polyshop.orders",
					new org.h2.mvstore.MVMap.Builder<Object, byte[]>().valueType(new TagOnly()));
			assertThat(bytes.get("o-c-1-1")[0]).as("untouched: Java serialisation").isNotEqualTo(DocumentDataType.BSON);
			assertThat(bytes.get("o-c-1-2")[0]).as("changed: BSON").isEqualTo(DocumentDataType.BSON);
		}
	}

	/** Reads a stored document as the engine does, and answers only the tag byte it was stored with. */
	private static final class TagOnly extends org.h2.mvstore.type.BasicDataType<byte[]> {

		private final DocumentDataType documents = new DocumentDataType();

		@Override
		public int getMemory(byte[] tag) {
			return 16;
		}

		@Override
		public void write(org.h2.mvstore.WriteBuffer buffer, byte[] tag) {
			throw new UnsupportedOperationException("read only");
		}

		@Override
		public byte[] read(java.nio.ByteBuffer buffer) {
			byte tag = buffer.get(buffer.position());
			documents.read(buffer);
			return new byte[] { tag };
		}

		@Override
		public byte[][] createStorage(int size) {
			return new byte[size][];
		}
	}

	@Test
	void anAcknowledgedWriteIsOnDiskBeforeTheAcknowledgement() throws IOException {
		MongoDatabase database = open(DocumentStore.Settings.defaults());
		MongoCollection<Document> orders = database.getCollection("orders");
		orders.insertOne(order("c-1", 1, "PLACED"));
		// what a kill -9 right after the acknowledgement leaves: the file as it is on disk now
		Path crashed = directory.resolve("crashed.mv");
		Files.copy(directory.resolve("polyshop.mv"), crashed);
		try (org.h2.mvstore.MVStore copy = new org.h2.mvstore.MVStore.Builder().fileName(crashed.toString()).readOnly().open()) {
			org.h2.mvstore.MVMap<Object, de.bwaldvogel.mongo.bson.Document> stored = copy.openMap("databases.polyshop.orders",
					new org.h2.mvstore.MVMap.Builder<Object, de.bwaldvogel.mongo.bson.Document>().valueType(new DocumentDataType()));
			assertThat(stored.get("o-c-1-1")).isNotNull().extracting(order -> order.get("status")).isEqualTo("PLACED");
		}
	}

	/**
	 * The MVStore's own background compaction rewrote chunks while requests were served from the page cache (they
	 * touch no file, so it took the store for idle): at a million documents, more than half of the CPU and the GC
	 * pauses behind every p99 outlier. Now a file that is partly garbage (but not half) is compacted once requests
	 * stop, not while they run.
	 */
	@Test
	void theFileIsCompactedWhenRequestsStopNotWhileTheyRun() throws InterruptedException {
		MongoDatabase database = open(DocumentStore.Settings.defaults());
		store.mvStore().setRetentionTime(0); // chunks may be rewritten at once, not 45 s after they were written
		MongoCollection<Document> things = database.getCollection("things");
		List<Document> batch = new ArrayList<>();
		for (int i = 0; i < 20_000; i++) {
			batch.add(new Document("_id", String.format("thing-%05d", i)).append("text", "some words to fill a page " + i));
		}
		things.insertMany(batch);
		// a quarter of the documents, in one commit: their old pages become garbage in the first chunks
		things.updateMany(Filters.lt("_id", "thing-05000"), new Document("$set", new Document("text", "rewritten")));
		org.h2.mvstore.FileStore<?> file = store.mvStore().getFileStore();
		int garbageFillRate = file.getChunksFillRate();
		assertThat(garbageFillRate).as("chunks fill rate before").isBetween(Compaction.BUSY_FILL_RATE, Compaction.TARGET_FILL_RATE - 1);

		long writes = file.getWriteCount();
		long until = System.nanoTime() + Duration.ofMillis(2500).toNanos();
		for (int i = 0; System.nanoTime() < until; i++) { // requests served from the page cache, without a pause of a second
			things.find(Filters.eq("_id", String.format("thing-%05d", i % 20_000))).first();
		}
		assertThat(file.getWriteCount()).as("file writes while requests ran").isEqualTo(writes);
		assertThat(store.compaction().steps()).isZero();

		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while ((store.compaction().steps() == 0 || file.getWriteCount() == writes) && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		assertThat(store.compaction().steps()).as("compaction steps once idle").isPositive();
		assertThat(file.getWriteCount()).as("file writes once idle").isGreaterThan(writes);
		assertThat(things.countDocuments(Filters.eq("text", "rewritten"))).isEqualTo(5000);
	}

	@Test
	void aTextIndexIsRefusedNotIgnored() {
		MongoDatabase database = open(DocumentStore.Settings.defaults());
		assertThatThrownBy(() -> database.getCollection("products").createIndex(Indexes.text("title")))
				.isInstanceOf(MongoCommandException.class).hasMessageContaining("text");
	}

	private void fill(MongoDatabase database) {
		MongoCollection<Document> orders = database.getCollection("orders");
		orders.createIndex(Indexes.compoundIndex(Indexes.ascending("customerId", "status"), Indexes.descending("placedAt")),
				new IndexOptions().name("by_customer_status_newest_first"));
		orders.createIndex(Indexes.compoundIndex(Indexes.ascending("status"), Indexes.descending("placedAt")),
				new IndexOptions().name("by_status_newest_first"));
		List<Document> batch = new ArrayList<>();
		for (int c = 0; c < CUSTOMERS; c++) {
			for (int o = 0; o < ORDERS_PER_CUSTOMER; o++) {
				batch.add(order("c-" + c, o, o % 4 == 0 ? "CANCELLED" : "COMPLETED"));
			}
		}
		orders.insertMany(batch);

		MongoCollection<Document> products = database.getCollection("products");
		products.createIndex(Indexes.ascending("published", "title", "_id"), new IndexOptions().name("published_title"));
		products.createIndex(Indexes.ascending("published", "category", "title", "_id"), new IndexOptions().name("published_category_title"));
		products.createIndex(Indexes.ascending("published", "createdAt"), new IndexOptions().name("published_created"));
		batch.clear();
		for (int p = 0; p < PRODUCTS; p++) {
			batch.add(new Document("_id", String.format("SKU-%05d", p)).append("title", "Product " + (PRODUCTS - p))
					.append("category", CATEGORIES.get(p % CATEGORIES.size())).append("published", p % 10 != 0)
					.append("createdAt", Instant.parse("2026-01-01T00:00:00Z").plusSeconds(p)));
		}
		products.insertMany(batch);
	}

	private static Document order(String customer, int number, String status) {
		return new Document("_id", "o-" + customer + "-" + number).append("customerId", customer).append("status", status)
				.append("placedAt", Instant.parse("2026-01-01T00:00:00Z").plusSeconds(number * 60L)).append("version", 3);
	}

	/** Each shape: its results are right, and it examined at most a page's worth of documents. */
	private void assertShapesUseIndexes(MongoDatabase database) {
		MongoCollection<Document> orders = database.getCollection("orders");
		MongoCollection<Document> products = database.getCollection("products");

		// by _id
		assertExamined(orders, Filters.eq("_id", "o-c-7-3"), null, 0, 0, 1, 1);
		// the projection's version guard: _id plus a condition
		orders.replaceOne(Filters.eq("_id", "o-c-7-3"), order("c-7", 3, "COMPLETED"));
		assertExamined(orders, Filters.and(Filters.eq("_id", "o-c-7-3"), Filters.lt("version", 4)), null, 0, 0, 1, 1);
		assertExamined(orders, Filters.and(Filters.eq("_id", "o-c-7-3"), Filters.lt("version", 3)), null, 0, 0, 0, 1);
		Document replaced = orders.findOneAndReplace(Filters.and(Filters.eq("_id", "o-c-7-3"), Filters.lt("version", 4)),
				order("c-7", 3, "COMPLETED").append("version", 4),
				new com.mongodb.client.model.FindOneAndReplaceOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
		assertThat(replaced.getInteger("version")).isEqualTo(4);
		orders.findOneAndReplace(Filters.and(Filters.eq("_id", "o-c-7-3"), Filters.lt("version", 3)),
				order("c-7", 3, "COMPLETED").append("version", 3)); // older: not applied
		assertThat(orders.find(Filters.eq("_id", "o-c-7-3")).first().getInteger("version")).isEqualTo(4);
		// order history: a customer's completed orders, newest first, second page of 10
		List<Document> page = assertExamined(orders, Filters.and(Filters.eq("customerId", "c-7"), Filters.eq("status", "COMPLETED")),
				Sorts.descending("placedAt"), 10, 10, 10, 20); // skip + limit
		assertThat(page).extracting(d -> d.getString("_id")).startsWith("o-c-7-26", "o-c-7-25", "o-c-7-23");
		// admin: orders by status, newest first
		assertExamined(orders, Filters.eq("status", "CANCELLED"), Sorts.descending("placedAt"), 0, 24, 24, 24);
		// consistency check: a batch of _ids, and keyset pages by _id
		assertExamined(orders, Filters.in("_id", List.of("o-c-1-1", "o-c-2-2", "o-c-3-3", "nope")), null, 0, 0, 3, 4);
		List<String> auditBatch = new ArrayList<>(); // the audit's batch: 500 ids at once
		for (int n = 0; n < 500; n++) {
			auditBatch.add("o-c-" + (n % CUSTOMERS) + "-" + (n / CUSTOMERS));
		}
		assertExamined(orders, Filters.in("_id", auditBatch), null, 0, 0, 500, 500);
		assertExamined(orders, Filters.gt("_id", "o-c-4"), Sorts.ascending("_id"), 0, 50, 50, 51);

		// catalog: a product by SKU, a page by title, a category page by title, a batch of titles
		assertExamined(products, Filters.eq("_id", "SKU-00042"), null, 0, 0, 1, 1);
		List<Document> titles = assertExamined(products, Filters.eq("published", true), Sorts.ascending("title", "_id"), 24, 24, 24, 48);
		assertThat(titles.get(0).getString("title")).isLessThan(titles.get(23).getString("title"));
		assertExamined(products, Filters.and(Filters.eq("published", true), Filters.eq("category", "games")),
				Sorts.ascending("title", "_id"), 48, 24, 24, 72);
		assertExamined(products, Filters.and(Filters.in("_id", List.of("SKU-00001", "SKU-00002", "SKU-00010")), Filters.eq("published", true)),
				null, 0, 0, 2, 3);
		// drafts older than a cutoff
		assertExamined(products, Filters.and(Filters.eq("published", false), Filters.lt("createdAt", Instant.parse("2026-01-01T00:10:00Z"))),
				null, 0, 0, 60, 60);
		// the search audit's keyset walk (Catalog.publishedAfter): published products after a SKU, in SKU order. Read by
		// _id until the page is full (50 + the 6 drafts among them), not the whole published index (1,080) then sorted
		List<Document> after = assertExamined(products, Filters.and(Filters.gt("_id", "SKU-00500"), Filters.eq("published", true)),
				Sorts.ascending("_id"), 0, 50, 50, 57); // + 1 read ahead
		assertThat(after.get(0).getString("_id")).isEqualTo("SKU-00501");
		assertThat(after.get(49).getString("_id")).isEqualTo("SKU-00555");
		// counts: from the index, no document read
		assertThat(products.countDocuments(Filters.eq("published", true))).isEqualTo(PRODUCTS - PRODUCTS / 10);
		assertThat(products.countDocuments(Filters.and(Filters.eq("published", true), Filters.eq("category", "games"))))
				.isEqualTo(expectedInCategory("games"));
		assertThat(this.explainCount(products, Filters.and(Filters.eq("published", true), Filters.eq("category", "games"))))
				.isZero();
		// categories: distinct by skipping through the index
		assertThat(products.distinct("category", Filters.eq("published", true), String.class).into(new ArrayList<>()))
				.containsExactlyElementsOf(CATEGORIES);
		// categories with their counts in one read: a $group by the field after the index's equality, counted from
		// B-tree ranks (no document read: the generic path reads every published document)
		List<Document> categories = new ArrayList<>(List.of(
				new Document("$match", new Document("published", true)),
				new Document("$group", new Document("_id", "$category").append("products", new Document("$sum", 1))),
				new Document("$sort", new Document("_id", 1))));
		assertThat(products.aggregate(categories).into(new ArrayList<>()))
				.extracting(group -> group.getString("_id") + "=" + group.get("products", Number.class).longValue())
				.containsExactlyElementsOf(CATEGORIES.stream().map(category -> category + "=" + expectedInCategory(category)).toList());
		Document explained = client.getDatabase("polyshop").runCommand(new Document("explain",
				new Document("aggregate", "products").append("pipeline", categories).append("cursor", new Document())));
		assertThat(explained.get("executionStats", Document.class).get("totalDocsExamined", Number.class).longValue())
				.as("documents examined by the categories' $group: %s", explained.toJson()).isZero();
	}

	private static long expectedInCategory(String category) {
		int index = CATEGORIES.indexOf(category);
		long count = 0;
		for (int p = 0; p < PRODUCTS; p++) {
			if (p % CATEGORIES.size() == index && p % 10 != 0) {
				count++;
			}
		}
		return count;
	}

	private long explainCount(MongoCollection<Document> collection, Bson filter) {
		Document count = new Document("aggregate", collection.getNamespace().getCollectionName())
				.append("pipeline", List.of(new Document("$match", filter.toBsonDocument()),
						new Document("$group", new Document("_id", 1).append("n", new Document("$sum", 1)))))
				.append("cursor", new Document());
		Document result = client.getDatabase("polyshop").runCommand(new Document("explain", count));
		return result.get("executionStats", Document.class).get("totalDocsExamined", Number.class).longValue();
	}

	/** Runs the find, checks what it returned, and that it examined at most {@code maxExamined} documents. */
	private List<Document> assertExamined(MongoCollection<Document> collection, Bson filter, Bson sort, int skip, int limit,
			int expectedReturned, int maxExamined) {
		Consumer<com.mongodb.client.FindIterable<Document>> shape = find -> {
			if (sort != null) {
				find.sort(sort);
			}
			find.skip(skip).limit(limit);
		};
		com.mongodb.client.FindIterable<Document> find = collection.find(filter);
		shape.accept(find);
		List<Document> results = find.into(new ArrayList<>());
		assertThat(results).as("%s", filter).hasSize(expectedReturned);
		com.mongodb.client.FindIterable<Document> explained = collection.find(filter);
		shape.accept(explained);
		Document explain = explained.explain(ExplainVerbosity.EXECUTION_STATS);
		long examined = explain.get("executionStats", Document.class).get("totalDocsExamined", Number.class).longValue();
		assertThat(examined).as("documents examined by %s: %s", filter, explain.toJson()).isLessThanOrEqualTo(maxExamined);
		return results;
	}
}
