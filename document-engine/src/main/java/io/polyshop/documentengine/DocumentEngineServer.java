package io.polyshop.documentengine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The document engine as a process of its own, run by Polyshop as a child JVM so that the engine's allocation (page
 * encoding, the wire server's buffers) and its collections stay out of the application JVM's heap and pauses.
 * <p>
 * Usage: {@code DocumentEngineServer <store file> <port> <cache MB> <commit window ms>}. Prints {@value #READY}
 * followed by the connection URL once the engine listens, and stops cleanly (the store closed, every commit on disk)
 * when its standard input closes, which happens when the parent exits for any reason, even {@code kill -9}, or on
 * SIGTERM.
 */
public final class DocumentEngineServer {

	public static final String READY = "POLYSHOP-DOCUMENT-ENGINE-READY ";

	private DocumentEngineServer() {
	}

	public static void main(String[] args) throws IOException {
		if (args.length != 4) {
			System.err.println("usage: DocumentEngineServer <store file> <port> <cache MB> <commit window ms>");
			System.exit(2);
		}
		Path file = Path.of(args[0]).toAbsolutePath();
		int port = Integer.parseInt(args[1]);
		DocumentStore.Settings settings = new DocumentStore.Settings(Integer.parseInt(args[2]),
				Duration.ofMillis(Long.parseLong(args[3])));
		Files.createDirectories(file.getParent());
		DocumentStore store = DocumentStore.open(file, port, settings);
		Runtime.getRuntime().addShutdownHook(new Thread(store::close, "document-engine-shutdown"));
		System.out.println(READY + "mongodb://127.0.0.1:" + port);
		System.out.flush();
		while (System.in.read() != -1) {
			// The parent never writes; end of stream means it is gone.
		}
		System.exit(0); // runs the shutdown hook
	}
}
