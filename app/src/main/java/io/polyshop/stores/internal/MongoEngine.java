package io.polyshop.stores.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.polyshop.documentengine.DocumentStore;

/**
 * The embedded document engine ({@link DocumentStore}: MongoDB's wire protocol over an H2 MVStore file with
 * persistent secondary indexes), keeping its documents in {@code <data dir>/mongodb/polyshop.mv}, opened inside this
 * JVM: where no child JVM can be started from this JVM's class path ({@link DocumentEngineProcess}), or when
 * {@code polyshop.mongodb.embedded.own-jvm} is false. No real mongod can be installed here; the application talks to
 * it with the official MongoDB driver exactly as it would to a replica set.
 */
final class MongoEngine implements EmbeddedEngine {

	static final String DATABASE = "polyshop";
	static final String FILE = "polyshop.mv";

	private final DocumentStore store;
	private final int port;

	private MongoEngine(DocumentStore store, int port) {
		this.store = store;
		this.port = port;
	}

	static MongoEngine start(Path dataDirectory, int port, DocumentStore.Settings settings) {
		Path data = dataDirectory.resolve("mongodb");
		try {
			Files.createDirectories(data);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return new MongoEngine(DocumentStore.open(data.resolve(FILE), port, settings), port);
	}

	@Override
	public String url() {
		return "mongodb://127.0.0.1:" + port + "/" + DATABASE;
	}

	@Override
	public void close() {
		store.close();
	}
}
