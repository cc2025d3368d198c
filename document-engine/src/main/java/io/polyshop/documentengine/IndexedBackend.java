package io.polyshop.documentengine;

import java.time.Clock;
import java.util.List;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.netty.channel.Channel;

/**
 * mongo-java-server's backend over one MVStore, with {@link IndexedDatabase}s. Beyond the H2 backend it:
 * <ul>
 * <li>announces MongoDB 5.0 with its real wire version (13), which current drivers (PyMongo 4, mongosh, the Java
 * driver 5) accept, and answers their {@code hello} handshake;</li>
 * <li>makes every write durable before it is acknowledged ({@link GroupCommit}) unless a commit window is set;</li>
 * <li>answers a client's mistakes (a duplicate key, an unsupported index) with the error alone, not an ERROR and a stack
 * trace in the log.</li>
 * </ul>
 */
final class IndexedBackend extends AbstractMongoBackend {

	private static final Logger log = LoggerFactory.getLogger(IndexedBackend.class);

	/** What a MongoDB 5.0 server announces; 13 is its wire version. */
	static final MongoVersion VERSION = new MongoVersion() {
		@Override
		public List<Integer> getVersionArray() {
			return List.of(5, 0, 0);
		}

		@Override
		public int getWireVersion() {
			return 13;
		}
	};

	/** Commands that never write: they do not wait for other writers' commits. */
	private static final java.util.Set<String> READS = java.util.Set.of("find", "getmore", "count", "distinct", "explain", "hello",
			"ismaster", "ping", "buildinfo", "listcollections", "listindexes", "listdatabases", "polyshopstats", "killcursors",
			"serverstatus", "dbstats", "collstats", "whatsmyuri", "getlasterror", "endsessions", "connectionstatus", "hostinfo",
			"getcmdlineopts", "getparameter", "getlog");

	private final MVStore store;
	private final GroupCommit groupCommit;

	/** @param groupCommit null when writes are committed in the background (a commit window) */
	IndexedBackend(MVStore store, GroupCommit groupCommit) {
		super(Clock.systemDefaultZone());
		this.store = store;
		this.groupCommit = groupCommit;
		version(VERSION);
		store.getMapNames().stream().filter(name -> name.startsWith(IndexedDatabase.DATABASES_PREFIX))
				.map(name -> Utils.firstFragment(name.substring(IndexedDatabase.DATABASES_PREFIX.length()))).distinct()
				.forEach(this::resolveDatabase);
		if (store.hasUnsavedChanges()) {
			store.commit(); // indexes built at open
		}
	}

	@Override
	protected MongoDatabase openOrCreateDatabase(String databaseName) {
		return new IndexedDatabase(databaseName, store, getCursorRegistry());
	}

	/** Commands running now, and when the last one ended: whether the store is idle (then it compacts). */
	private final java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
	private volatile long lastEnded = System.nanoTime();

	/** Whether no command has run for {@code nanos}. */
	boolean idleFor(long nanos) {
		return running.get() == 0 && System.nanoTime() - lastEnded >= nanos;
	}

	@Override
	public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
		running.incrementAndGet();
		try {
			return handleCommandNow(channel, databaseName, command, query);
		}
		finally {
			lastEnded = System.nanoTime();
			running.decrementAndGet();
		}
	}

	private Document handleCommandNow(Channel channel, String databaseName, String command, Document query) {
		Document response;
		if (command.equalsIgnoreCase("hello") || command.equalsIgnoreCase("ismaster")) {
			response = super.handleCommand(channel, databaseName, "ismaster", query);
			response.put("isWritablePrimary", Boolean.TRUE);
			response.put("helloOk", Boolean.TRUE);
		}
		else {
			response = super.handleCommand(channel, databaseName, command, query);
		}
		if (groupCommit != null && !READS.contains(command.toLowerCase(java.util.Locale.ROOT)) && store.hasUnsavedChanges()) {
			groupCommit.awaitDurable();
		}
		return response;
	}

	@Override
	public Document handleMessage(MongoMessage message) {
		try {
			return super.handleMessage(message);
		}
		catch (MongoServerError e) {
			// the client's mistake, answered to the client; mongo-java-server would log it as an ERROR with a stack trace
			log.debug("Refused {}: {}", message.getDocument().keySet().iterator().next(), e.getMessage());
			Document error = new Document("$err", e.getMessageWithoutErrorCode()).append("errmsg", e.getMessageWithoutErrorCode())
					.append("code", e.getCode());
			if (e.getCodeName() != null) {
				error.append("codeName", e.getCodeName());
			}
			error.append("ok", 0.0);
			return error;
		}
	}

	long commits() {
		return groupCommit == null ? 0 : groupCommit.commits();
	}

	@Override
	public void close() {
		super.close();
		store.close();
	}
}
