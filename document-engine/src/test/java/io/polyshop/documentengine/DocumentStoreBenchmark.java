package io.polyshop.documentengine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;

import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndReplaceOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;

/**
 * The embedded document engine at 10k, 100k (and, when asked, 1M) product and order documents: open time, heap held
 * by the store, and p50/p99 of every query shape the product issues, through the official driver. Prints figures,
 * asserts nothing about time. Sizes: {@code -Dbenchmark.documents=10000,100000,1000000}.
 *
 * <pre>
 * mvn -pl document-engine verify -Dsurefire.skip=true -Dit.groups=benchmark -Dit.excludedGroups= -Dit.test=DocumentStoreBenchmark -Dfailsafe.failIfNoSpecifiedTests=false
 * </pre>
 */
@Tag("benchmark")
class DocumentStoreBenchmark {

	private static final int RUNS = Integer.getInteger("benchmark.runs", 200);
	/**
	 * Runs of each shape before it is timed. 20 left the smallest size, measured first in a fresh JVM, timing code the
	 * JIT had not compiled yet (its single-document p50s twice those at 1M, 2026-11-26); a running shop's are compiled.
	 */
	private static final int WARMUP = Integer.getInteger("benchmark.warmup", 200);
	/** Operations at least this slow are printed with their start time (the p99 outliers, to attribute them). */
	private static final double SLOW_MILLIS = Double.parseDouble(System.getProperty("benchmark.slow-ms", "5"));
	private static final int CATEGORIES = 20;
	private static final int ORDERS_PER_CUSTOMER = 20;
	private static final String[] WORDS = { "red", "blue", "green", "steel", "oak", "linen", "wool", "glass", "travel", "garden",
			"kitchen", "classic", "compact", "deluxe", "eco", "smart", "vintage", "mini", "pro", "ultra" };

	private final Random random = new Random(42);

	@Test
	void figures() throws IOException {
		// no Spring here to apply application.yaml's levels: logback would log every engine DEBUG line
		((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
				.setLevel(ch.qos.logback.classic.Level.WARN);
		String sizes = System.getProperty("benchmark.documents", "10000,100000");
		for (String size : sizes.split(",")) {
			run(Integer.parseInt(size.trim()));
		}
	}

	private void run(int documents) throws IOException {
		Path directory = Files.createTempDirectory("document-store-benchmark");
		Path file = directory.resolve("polyshop.mv");
		DocumentStore.Settings settings = DocumentStore.Settings.defaults();
		long loadStarted = System.nanoTime();
		int port = freePort();
		try (DocumentStore store = DocumentStore.open(file, port, settings);
				MongoClient client = MongoClients.create(uri(port))) {
			load(client.getDatabase("polyshop"), documents);
		}
		Duration load = Duration.ofNanos(System.nanoTime() - loadStarted);

		long[] opens = new long[3];
		for (int i = 0; i < opens.length; i++) {
			long started = System.nanoTime();
			DocumentStore.open(file, settings).close();
			opens[i] = System.nanoTime() - started;
		}
		Arrays.sort(opens);

		long heapBefore = usedHeapAfterGc();
		port = freePort();
		Map<String, double[]> shapes = new LinkedHashMap<>();
		long cacheBytes;
		long heapWithStore;
		try (DocumentStore store = DocumentStore.open(file, port, settings);
				MongoClient client = MongoClients.create(uri(port))) {
			MongoDatabase database = client.getDatabase("polyshop");
			measure(database, documents, shapes);
			cacheBytes = store.cacheBytes();
			heapWithStore = usedHeapAfterGc();
		}
		// the guarded upsert's own cost: the same store with a commit window (written in the background, no fsync per
		// write), and what one fsync costs on this disk (the floor of a durable write's latency)
		port = freePort();
		try (DocumentStore store = DocumentStore.open(file, port, new DocumentStore.Settings(settings.cacheMegabytes(), Duration.ofSeconds(1)));
				MongoClient client = MongoClients.create(uri(port))) {
			MongoCollection<Document> orders = client.getDatabase("polyshop").getCollection("orders");
			time(shapes, "order upsert, version-guarded, no fsync (commit window)", i -> guardedUpsert(orders, documents, 1000 + i));
		}
		shapes.put("fsync alone: append 4 KB + FileChannel.force", fsyncMillis(directory));
		print(documents, load, opens[1], heapWithStore - heapBefore, cacheBytes, Files.size(file), shapes);
		try (var files = Files.list(directory)) {
			files.forEach(path -> path.toFile().delete());
		}
		Files.delete(directory);
	}

	private void load(MongoDatabase database, int documents) {
		MongoCollection<Document> products = database.getCollection("products");
		// the indexes the application declares (ProductDocument, OrderDocument)
		products.createIndex(Indexes.ascending("published", "title", "_id"), new IndexOptions().name("published_title"));
		products.createIndex(Indexes.ascending("published", "category", "title", "_id"), new IndexOptions().name("published_category_title"));
		products.createIndex(Indexes.ascending("published", "createdAt"), new IndexOptions().name("published_created"));
		MongoCollection<Document> orders = database.getCollection("orders");
		orders.createIndex(Indexes.compoundIndex(Indexes.ascending("customerId", "status"), Indexes.descending("placedAt")),
				new IndexOptions().name("by_customer_status_newest_first"));
		orders.createIndex(Indexes.compoundIndex(Indexes.ascending("status"), Indexes.descending("placedAt")),
				new IndexOptions().name("by_status_newest_first"));

		Instant epoch = Instant.parse("2026-01-01T00:00:00Z");
		List<Document> batch = new ArrayList<>();
		for (int p = 0; p < documents; p++) {
			String title = WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)] + " " + p;
			batch.add(new Document("_id", sku(p)).append("title", title)
					.append("description", "A " + title + " made to last, " + WORDS[random.nextInt(WORDS.length)] + " finish.")
					.append("category", "category-" + (p % CATEGORIES)).append("attributes", new Document("colour", WORDS[p % 3]))
					.append("images", List.of()).append("published", p % 20 != 0).append("createdAt", epoch.plusSeconds(p)));
			if (batch.size() == 1000) {
				products.insertMany(batch);
				batch.clear();
			}
		}
		flush(products, batch);
		for (int o = 0; o < documents; o++) {
			batch.add(order(o, 3));
			if (batch.size() == 1000) {
				orders.insertMany(batch);
				batch.clear();
			}
		}
		flush(orders, batch);
	}

	private static void flush(MongoCollection<Document> collection, List<Document> batch) {
		if (!batch.isEmpty()) {
			collection.insertMany(batch);
			batch.clear();
		}
	}

	private static String sku(int p) {
		return String.format("SKU-%07d", p);
	}

	private static Document order(int o, int version) {
		return new Document("_id", String.format("order-%08d", o)).append("customerId", "customer-" + (o / ORDERS_PER_CUSTOMER))
				.append("status", o % 10 == 0 ? "CANCELLED" : "COMPLETED").append("total", new Document("amount", "19.90").append("currency", "EUR"))
				.append("lines", List.of(new Document("sku", sku(o % 1000)).append("quantity", 1), new Document("sku", sku(o % 777)).append("quantity", 2)))
				.append("placedAt", Instant.parse("2026-01-01T00:00:00Z").plusSeconds(o)).append("version", version);
	}

	/**
	 * The shapes the product issues, with its sizes: request paths first (storefront pages of 12, {@code index.js};
	 * order history pages of 10, {@code orders.js}; the API's default page of 20 for the admin list; every list
	 * counts its total, as {@code OrdersController} and {@code Catalog} do), then the background ones: the order
	 * projection's guarded upsert (an event listener), the draft clean-up, and the nightly audit's keyset batches of
	 * {@code polyshop.audit.batch-size} (500). The audit batches are not on a request path: no shopper waits for
	 * them, so the page target (20 ms) is read against their p50, and their p99 only bounds how long the audit runs.
	 */
	private void measure(MongoDatabase database, int documents, Map<String, double[]> shapes) {
		MongoCollection<Document> products = database.getCollection("products");
		MongoCollection<Document> orders = database.getCollection("orders");
		int customers = documents / ORDERS_PER_CUSTOMER;
		int[] version = { 4 };
		// requests
		time(shapes, "order by _id (GET /api/orders/{id})", i -> orders.find(Filters.eq("_id", String.format("order-%08d", random.nextInt(documents)))).first());
		time(shapes, "history page (10, newest first) + count", i -> {
			var filter = Filters.and(Filters.eq("customerId", "customer-" + random.nextInt(customers)), Filters.eq("status", "COMPLETED"));
			orders.countDocuments(filter);
			orders.find(filter).sort(Sorts.descending("placedAt")).skip(10 * random.nextInt(2)).limit(10).into(new ArrayList<>());
		});
		time(shapes, "admin orders by status (page of 20) + count", i -> {
			var filter = Filters.eq("status", "CANCELLED");
			orders.countDocuments(filter);
			orders.find(filter).sort(Sorts.descending("placedAt")).skip(20 * random.nextInt(5)).limit(20).into(new ArrayList<>());
		});
		time(shapes, "product by SKU", i -> products.find(Filters.eq("_id", sku(random.nextInt(documents)))).first());
		time(shapes, "catalog page (12 by title) + count", i -> {
			var filter = Filters.and(Filters.eq("published", true));
			products.countDocuments(filter);
			products.find(filter).sort(Sorts.ascending("title", "_id")).skip(12 * random.nextInt(5)).limit(12).into(new ArrayList<>());
		});
		time(shapes, "category page (12 by title) + count", i -> {
			var filter = Filters.and(Filters.eq("published", true), Filters.eq("category", "category-" + random.nextInt(CATEGORIES)));
			products.countDocuments(filter);
			products.find(filter).sort(Sorts.ascending("title", "_id")).skip(12 * random.nextInt(5)).limit(12).into(new ArrayList<>());
		});
		time(shapes, "categories ($group count, one read)", i -> products.aggregate(List.of(Aggregates.match(Filters.eq("published", true)),
				Aggregates.group("$category", Accumulators.sum("products", 1)))).into(new ArrayList<>()));
		// what the app asks a MongoDB server instead (and asked here before): 21 round trips
		time(shapes, "categories (distinct + counts: MongoDB server shape)", i -> {
			for (String category : products.distinct("category", Filters.eq("published", true), String.class)) {
				products.countDocuments(Filters.and(Filters.eq("published", true), Filters.eq("category", category)));
			}
		});
		time(shapes, "cart titles: 24 SKUs ($in; title, published)", i -> products.find(Filters.in("_id", randomSkus(documents, 24)))
				.projection(Projections.include("title", "published")).into(new ArrayList<>()));
		time(shapes, "checkout products: 24 SKUs ($in + published)", i -> products.find(Filters.and(Filters.in("_id", randomSkus(documents, 24)),
				Filters.eq("published", true))).into(new ArrayList<>()));
		// background: the order projection, the draft clean-up
		time(shapes, "order upsert, version-guarded", i -> guardedUpsert(orders, documents, version[0] + i));
		time(shapes, "drafts older than a cutoff (limit 100)", i -> products.find(Filters.and(Filters.eq("published", false),
				Filters.lt("createdAt", Instant.parse("2026-01-01T00:00:00Z").plusSeconds(documents / 2)))).limit(100).into(new ArrayList<>()));
		// the nightly audit's batches (not a request path)
		time(shapes, "audit: 500 orders by _id ($in)", i -> {
			List<String> ids = new ArrayList<>();
			int start = random.nextInt(Math.max(1, documents - 500));
			for (int k = 0; k < 500; k++) {
				ids.add(String.format("order-%08d", start + k));
			}
			orders.find(Filters.in("_id", ids)).into(new ArrayList<>());
		});
		time(shapes, "audit: keyset 500 order _ids", i -> orders.find(Filters.gt("_id", String.format("order-%08d", random.nextInt(documents))))
				.sort(Sorts.ascending("_id")).limit(500).projection(Projections.include("_id")).into(new ArrayList<>()));
		time(shapes, "audit: keyset 500 products (_id, published)", i -> products.find(Filters.gt("_id", sku(random.nextInt(documents))))
				.sort(Sorts.ascending("_id")).limit(500).projection(Projections.include("_id", "published")).into(new ArrayList<>()));
		time(shapes, "audit: 500 product _ids ($in)", i -> {
			List<String> skus = new ArrayList<>();
			int start = random.nextInt(Math.max(1, documents - 500));
			for (int k = 0; k < 500; k++) {
				skus.add(sku(start + k));
			}
			products.find(Filters.in("_id", skus)).projection(Projections.include("_id")).into(new ArrayList<>());
		});
		time(shapes, "audit: 500 published products after a SKU", i -> products.find(Filters.and(Filters.gt("_id", sku(random.nextInt(documents))),
				Filters.eq("published", true))).sort(Sorts.ascending("_id")).limit(500).into(new ArrayList<>()));
	}

	private List<String> randomSkus(int documents, int count) {
		List<String> skus = new ArrayList<>();
		for (int k = 0; k < count; k++) {
			skus.add(sku(random.nextInt(documents)));
		}
		return skus;
	}

	private void guardedUpsert(MongoCollection<Document> orders, int documents, int version) {
		int o = random.nextInt(documents);
		orders.findOneAndReplace(Filters.and(Filters.eq("_id", String.format("order-%08d", o)), Filters.lt("version", version)),
				order(o, version), new FindOneAndReplaceOptions().upsert(true)); // as OrderProjection does
	}

	/** p50 and p99 of appending 4 KB to a file and forcing it to disk, as a commit does, in the store's directory. */
	private static double[] fsyncMillis(Path directory) throws IOException {
		Path file = directory.resolve("fsync.probe");
		double[] millis = new double[RUNS];
		try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE,
				java.nio.file.StandardOpenOption.WRITE)) {
			java.nio.ByteBuffer block = java.nio.ByteBuffer.allocate(4096);
			for (int i = 0; i < RUNS; i++) {
				block.clear();
				long started = System.nanoTime();
				channel.write(block, 4096L * i);
				channel.force(true);
				millis[i] = (System.nanoTime() - started) / 1e6;
			}
		}
		Files.delete(file);
		Arrays.sort(millis);
		return new double[] { millis[RUNS / 2], millis[(int) Math.ceil(RUNS * 0.99) - 1] };
	}

	private static void time(Map<String, double[]> shapes, String shape, IntConsumer operation) {
		for (int i = 0; i < WARMUP; i++) {
			operation.accept(i);
		}
		double[] millis = new double[RUNS];
		for (int i = 0; i < RUNS; i++) {
			Instant at = Instant.now();
			long started = System.nanoTime();
			operation.accept(WARMUP + i);
			millis[i] = (System.nanoTime() - started) / 1e6;
			if (millis[i] >= SLOW_MILLIS) {
				// when it happened, to be matched with a flight recording's events (GC, compaction, fsync)
				System.out.printf("slow: %s at %s took %.2f ms%n", shape, at, millis[i]);
			}
		}
		Arrays.sort(millis);
		shapes.put(shape, new double[] { millis[RUNS / 2], millis[(int) Math.ceil(RUNS * 0.99) - 1] });
	}

	private static void print(int documents, Duration load, long openNanos, long heapBytes, long cacheBytes, long fileBytes,
			Map<String, double[]> shapes) {
		StringBuilder out = new StringBuilder();
		out.append(String.format("%n=== document store: %,d products + %,d orders ===%n", documents, documents));
		out.append(String.format("load (driver insertMany, 1000 per batch, durable): %,d s; file %,d MB%n", load.toSeconds(), fileBytes >> 20));
		out.append(String.format("open (median of 3): %,d ms%n", openNanos / 1_000_000));
		out.append(String.format("heap held by the open store after the queries (GC'd, delta): %,d MB; MVStore page cache: %,d MB%n",
				heapBytes >> 20, cacheBytes >> 20));
		out.append(String.format("%-52s %9s %9s%n", "query shape (" + RUNS + " runs)", "p50 ms", "p99 ms"));
		shapes.forEach((shape, p) -> out.append(String.format("%-52s %9.2f %9.2f%n", shape, p[0], p[1])));
		System.out.print(out);
	}

	private static long usedHeapAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	/** Patient timeouts: on a loaded machine the default 10 s monitor timeout gives up on a busy but healthy server. */
	private static String uri(int port) {
		return "mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=300000&connectTimeoutMS=120000";
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}
}
