package io.polyshop.documentengine;

import java.nio.file.Path;
import java.time.Duration;

import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoServer;

/**
 * The embedded document engine: MongoDB's wire protocol (mongo-java-server) over one H2 MVStore file, with
 * persistent secondary indexes and an index-aware query path ({@link IndexedBackend}). See docs/document-store.md.
 * <p>
 * This class, its {@link Settings} and {@link Statistics} are the module's public API, with
 * {@link DocumentEngineServer} (the same store as a process of its own): clients open a store on a port and talk to
 * it with a MongoDB driver.
 */
public final class DocumentStore implements AutoCloseable {

	/**
	 * @param cacheMegabytes the MVStore page cache: what the store keeps of the data in heap, whatever the data size
	 * @param commitWindow zero: every write is on disk (fsync) before it is acknowledged; more: writes are committed
	 *        in the background at this interval, and a crash can lose that much (to be replayed from the outbox)
	 */
	public record Settings(int cacheMegabytes, Duration commitWindow) {

		public static Settings defaults() {
			return new Settings(64, Duration.ZERO);
		}
	}

	/**
	 * What the queries on one collection read since the store was opened, and how many commits made writes durable.
	 *
	 * @param documentsExamined documents the queries read (and deserialised)
	 * @param keysExamined index entries the queries read
	 * @param collectionScans queries that had no index to read and walked every document
	 * @param documents documents in the collection now
	 * @param commits durable commits (one {@code fsync} each) of the whole store
	 */
	public record Statistics(long documentsExamined, long keysExamined, long collectionScans, long documents, long commits) {
	}

	private static final int HOUSEKEEPING_MILLIS = 1000;
	/** No command for this long: the store is idle, and compacts. */
	private static final long IDLE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);

	private final MVStore store;
	private final IndexedBackend backend;
	private final MongoServer server;
	private final Compaction compaction;

	private DocumentStore(MVStore store, IndexedBackend backend, MongoServer server, Compaction compaction) {
		this.store = store;
		this.backend = backend;
		this.server = server;
		this.compaction = compaction;
	}

	/** Opens (or creates) the store file and serves it on 127.0.0.1:port. */
	public static DocumentStore open(Path file, int port, Settings settings) {
		DocumentStore store = open(file, settings);
		store.server.bind("127.0.0.1", port);
		return store;
	}

	/** Opens (or creates) the store file without serving it (to measure opening, or to build its indexes). */
	public static DocumentStore open(Path file, Settings settings) {
		// autoCompactFillRate(0): the MVStore's background thread does not compact; Compaction does, when requests let it
		MVStore store = new MVStore.Builder().fileName(file.toString()).compress().cacheSize(settings.cacheMegabytes())
				.autoCompactFillRate(0).open();
		boolean window = !settings.commitWindow().isZero();
		// with group commit, the background writer only commits what nothing else did (at most a second late)
		store.setAutoCommitDelay(window ? (int) settings.commitWindow().toMillis() : HOUSEKEEPING_MILLIS);
		IndexedBackend backend = new IndexedBackend(store, window ? null : new GroupCommit(store));
		Compaction compaction = new Compaction(store, () -> backend.idleFor(IDLE_NANOS));
		return new DocumentStore(store, backend, new MongoServer(backend), compaction);
	}

	/** What the queries on a collection read so far and how many commits made writes durable (for tests and benchmarks). */
	public Statistics statistics(String database, String collection) {
		if (backend.resolveDatabase(database).resolveCollection(collection, false) instanceof IndexedCollection indexed) {
			return indexed.statistics(backend.commits());
		}
		return new Statistics(0, 0, 0, 0, backend.commits());
	}

	/** Bytes of heap the MVStore page cache holds now. */
	public long cacheBytes() {
		return store.getCacheSizeUsed() * 1024L * 1024L;
	}

	/** The MVStore and its compaction, for the tests. */
	MVStore mvStore() {
		return store;
	}

	Compaction compaction() {
		return compaction;
	}

	@Override
	public void close() {
		server.shutdown();
		compaction.close();
		backend.close();
	}
}
