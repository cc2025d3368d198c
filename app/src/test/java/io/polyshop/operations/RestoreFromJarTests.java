package io.polyshop.operations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

import io.polyshop.operations.internal.backup.Archives;
import io.polyshop.operations.internal.backup.Manifest;
import io.polyshop.support.PolyshopHttp;
import io.polyshop.support.PolyshopIntegrationTest;
import io.polyshop.support.Products;
import io.polyshop.support.Shopper;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The restore verb of the packaged jar ({@code java -jar target/polyshop.jar restore --from ARCHIVE}, built before the
 * failsafe phase), run as an operator would, in a child process whose {@code POLYSHOP_DATA_DIR} is a fresh
 * directory: an archive made by the running shop restores (exit 0, summary); the same command again finds the stores
 * holding data and refuses in one line (exit 1); with {@code --force} it replaces them; a truncated or altered
 * archive is refused before anything is started or written.
 */
@PolyshopIntegrationTest
class RestoreFromJarTests {

	private static final Logger log = LoggerFactory.getLogger(RestoreFromJarTests.class);
	private static final Path JAR = Path.of("target", "polyshop.jar");
	private static final Duration COMMAND_TIME_LIMIT = Duration.ofMinutes(3);

	@LocalServerPort
	int port;

	@TempDir
	Path temporary;

	@Test
	void theJarRestoresIntoEmptyStoresRefusesNonEmptyOnesUnlessForcedAndRefusesADamagedArchive() throws Exception {
		assertThat(JAR).as("the packaged jar (mvn verify packages it before the integration tests)").isRegularFile();
		Shopper shopper = Shopper.register(port, "Restored From Jar");
		shopper.putInCart(Products.create(port, "3.00", 20), 2);
		shopper.checkout(UUID.randomUUID().toString(), Shopper.APPROVED_CARD);
		Path archive = backup();
		Manifest manifest = Archives.verify(archive);
		Path data = temporary.resolve("data");

		Path truncated = temporary.resolve("truncated.zip");
		byte[] whole = Files.readAllBytes(archive);
		Files.write(truncated, Arrays.copyOf(whole, whole.length - 100));
		Command damaged = restore(data, truncated);
		assertThat(damaged.exitCode()).as(damaged.output()).isEqualTo(1);
		assertThat(damaged.refusals()).as(damaged.output()).singleElement().asString()
				.startsWith("Refused, nothing written").contains("damaged or truncated");
		assertThat(data).as("nothing written, not even the data directory").doesNotExist();
		Path altered = temporary.resolve("altered.zip");
		byte[] flipped = whole.clone();
		flipped[whole.length / 3] ^= 0x5A; // inside an entry's data: the zip opens, the entry's checksum does not match
		Files.write(altered, flipped);
		Command corrupt = restore(data, altered);
		assertThat(corrupt.exitCode()).as(corrupt.output()).isEqualTo(1);
		assertThat(corrupt.refusals()).as(corrupt.output()).singleElement().asString().startsWith("Refused, nothing written");
		assertThat(data).doesNotExist();

		Command first = restore(data, archive);
		assertThat(first.exitCode()).as(first.output()).isZero();
		assertThat(first.output()).contains("Restored: records per store " + manifest.recordsPerStore());
		assertThat(first.refusals()).isEmpty();

		Command again = restore(data, archive);
		assertThat(again.exitCode()).as(again.output()).isEqualTo(1);
		assertThat(again.refusals()).as(again.output()).singleElement().asString()
				.contains("not empty", "postgres=", "--force");
		assertThat(again.output()).doesNotContain("Restored:");

		Command forced = restore(data, archive, "--force");
		assertThat(forced.exitCode()).as(forced.output()).isZero();
		assertThat(forced.output()).contains("Forced: document store, graph and Redis keys emptied",
				"Restored: records per store " + manifest.recordsPerStore());
	}

	/** A backup taken by the running shop (the endpoint), as an operator would take one. */
	private Path backup() {
		ResponseEntity<JsonNode> started = PolyshopHttp.admin(port).post().uri("/api/admin/backups").retrieve().toEntity(JsonNode.class);
		assertThat(started.getStatusCode().value()).isEqualTo(202);
		String status = started.getHeaders().getLocation().toString();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> !PolyshopHttp.admin(port).get()
				.uri(status).retrieve().body(JsonNode.class).path("status").asString().equals("RUNNING"));
		JsonNode done = PolyshopHttp.admin(port).get().uri(status).retrieve().body(JsonNode.class);
		assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("DONE");
		return Path.of(done.path("archive").asString());
	}

	/** Runs {@code java -jar polyshop.jar restore --from ARCHIVE} on the embedded stores under {@code data}. */
	private Command restore(Path data, Path archive, String... more) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				// a short-lived command: start fast on a shared machine
				"-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", JAR.toAbsolutePath().toString(), "restore", "--from", archive.toString()));
		command.addAll(List.of(more));
		Path output = Files.createTempFile(temporary, "restore-", ".log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
		Map<String, String> environment = builder.environment();
		environment.keySet().removeIf(name -> name.startsWith("POLYSHOP_"));
		environment.put("POLYSHOP_DATA_DIR", data.toString());
		long started = System.nanoTime();
		Process process = builder.start();
		if (!process.waitFor(COMMAND_TIME_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
			process.destroy();
			process.waitFor(30, TimeUnit.SECONDS);
			throw new AssertionError("restore did not finish within " + COMMAND_TIME_LIMIT + ":\n" + Files.readString(output));
		}
		log.info("{} exited {} after {} ms", String.join(" ", command.subList(command.indexOf("restore"), command.size())),
				process.exitValue(), Duration.ofNanos(System.nanoTime() - started).toMillis());
		return new Command(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
	}

	private record Command(int exitCode, String output) {

		List<String> refusals() {
			return output.lines().filter(line -> line.startsWith("Refused")).toList();
		}
	}
}
