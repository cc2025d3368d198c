package io.polyshop.documentengine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine as the child process Polyshop starts: it says it is ready with its URL, serves the driver, and when its
 * standard input closes (its parent stopped, or died) it exits by itself, 0, with what it acknowledged on disk.
 */
@Tag("integration")
class DocumentEngineServerTests {

	@TempDir
	Path directory;

	@Test
	void servesUntilItsStandardInputClosesThenExitsWithItsDataOnDisk() throws Exception {
		Path file = directory.resolve("polyshop.mv");
		int port = freePort();
		Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), DocumentEngineServer.class.getName(), file.toString(),
				Integer.toString(port), "16", "0").redirectErrorStream(true).start();
		try {
			BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
			String line = out.readLine();
			while (line != null && !line.startsWith(DocumentEngineServer.READY)) {
				line = out.readLine();
			}
			assertThat(line).isEqualTo(DocumentEngineServer.READY + "mongodb://127.0.0.1:" + port);

			try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
				client.getDatabase("polyshop").getCollection("orders").insertOne(new Document("_id", "o-1").append("total", "12.00"));
			}
			child.getOutputStream().close();
			assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("exited").isTrue();
			assertThat(child.exitValue()).isZero();
		}
		finally {
			child.destroyForcibly();
		}

		int reopened = freePort();
		try (DocumentStore store = DocumentStore.open(file, reopened, DocumentStore.Settings.defaults());
				MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + reopened)) {
			assertThat(client.getDatabase("polyshop").getCollection("orders").find(new Document("_id", "o-1")).first())
					.containsEntry("total", "12.00");
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
