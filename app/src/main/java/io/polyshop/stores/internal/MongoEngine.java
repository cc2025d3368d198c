package io.polyshop.stores.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * A MongoDB-wire-protocol server (mongo-java-server) with its H2 MVStore backend, so documents persist in
 * {@code <data dir>/mongodb/polyshop.mv}. No real mongod can be installed here; the application talks to it
 * with the official MongoDB driver exactly as it would to a replica set.
 */
final class MongoEngine implements EmbeddedEngine {

	static final String DATABASE = "polyshop";

	/** How long a write may sit in memory before it is on disk. */
	private static final int COMMIT_DELAY_MILLIS = 100;

	private final MongoServer server;
	private final H2Backend backend;
	private final int port;

	private MongoEngine(MongoServer server, H2Backend backend, int port) {
		this.server = server;
		this.backend = backend;
		this.port = port;
	}

	static MongoEngine start(Path dataDirectory, int port) {
		Path data = dataDirectory.resolve("mongodb");
		try {
			Files.createDirectories(data);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		MVStore store = new MVStore.Builder().fileName(data.resolve("polyshop.mv").toString()).compress().open();
		store.setAutoCommitDelay(COMMIT_DELAY_MILLIS);
		H2Backend backend = new H2Backend(store);
		MongoServer server = new MongoServer(backend);
		server.bind("127.0.0.1", port);
		return new MongoEngine(server, backend, port);
	}

	@Override
	public String url() {
		return "mongodb://127.0.0.1:" + port + "/" + DATABASE;
	}

	@Override
	public void close() {
		server.shutdown();
		backend.close();
	}
}
