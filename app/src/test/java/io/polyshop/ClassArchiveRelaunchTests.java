package io.polyshop;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar ({@code java -jar target/polyshop.jar}, built before the failsafe phase) started as an operator
 * would, twice on one data directory: the first start runs Polyshop in a child JVM that writes its class archive
 * when stopped (SIGTERM: a clean stop, exit 143, quiet log); the second start's child maps that archive (it is in
 * the child's memory maps: the JVM maps only an archive it accepted), and dies with its launcher even on
 * {@code kill -9} of the launcher.
 */
@Tag("integration")
class ClassArchiveRelaunchTests {

	private static final Path JAR = Path.of("target", "polyshop.jar");
	private static final Duration START_LIMIT = Duration.ofMinutes(5);

	@TempDir
	Path temporary;

	private Process launcher;
	private ProcessHandle child;

	/** Stops what a failed run left: the launcher, and a child that outlived it (with its engines). */
	@AfterEach
	void stopLeftovers() throws Exception {
		if (launcher != null && launcher.isAlive()) {
			launcher.destroy();
			launcher.waitFor(120, TimeUnit.SECONDS);
		}
		if (child != null && child.isAlive()) {
			child.destroy();
			child.onExit().get(120, TimeUnit.SECONDS);
		}
	}

	@Test
	void theJarRunsInAChildThatWritesItsClassArchiveAtAStopAndMapsItAtTheNextStart() throws Exception {
		assertThat(JAR).as("the packaged jar (mvn verify packages it before the integration tests)").isRegularFile();
		Path data = temporary.resolve("data");
		int port = freePort();

		Path firstLog = temporary.resolve("first.log");
		launcher = start(data, port, firstLog);
		ProcessHandle firstChild = child(launcher);
		String firstCommand = firstChild.info().commandLine().orElse("");
		assertThat(firstCommand).as("the child makes the archive").contains(Runtime.version().feature() >= 19
				? "-XX:+AutoCreateSharedArchive" : "-XX:ArchiveClassesAtExit=");
		launcher.destroy(); // SIGTERM, as a service manager stops it
		assertThat(launcher.waitFor(150, TimeUnit.SECONDS)).as("stopped within 150 s (the archive is written at exit)").isTrue();
		assertThat(launcher.exitValue()).as("exit code of a SIGTERM stop").isEqualTo(143);
		assertThat(firstChild.isAlive()).as("the child stopped with the launcher").isFalse();
		List<Path> archives;
		try (var files = Files.list(data.resolve(ClassArchiveRelaunch.DIRECTORY))) {
			archives = files.filter(file -> file.getFileName().toString().endsWith(".jsa")).toList();
		}
		assertThat(archives).as("the class archive written at the first stop").singleElement();
		assertQuiet(firstLog);

		Path secondLog = temporary.resolve("second.log");
		launcher = start(data, port, secondLog);
		ProcessHandle secondChild = child(launcher);
		String maps = Files.readString(Path.of("/proc", Long.toString(secondChild.pid()), "maps"));
		assertThat(maps).as("the child JVM maps the archive (it maps none it does not accept)")
				.contains(archives.get(0).toString());

		child = secondChild;
		launcher.destroyForcibly(); // kill -9: no shutdown hook stops the child
		try {
			secondChild.onExit().get(120, TimeUnit.SECONDS);
		}
		catch (TimeoutException e) {
			throw new AssertionError("the child outlived its launcher by 120 s");
		}
		assertQuiet(secondLog);
	}

	/** Launches the jar with only the data directory and the port set, and waits for health UP. */
	private Process start(Path data, int port, Path log) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", JAR.toAbsolutePath().toString()).redirectErrorStream(true).redirectOutput(log.toFile());
		Map<String, String> environment = builder.environment();
		environment.keySet().removeIf(name -> name.startsWith("POLYSHOP_") || name.equals("JAVA_TOOL_OPTIONS"));
		environment.put("POLYSHOP_DATA_DIR", data.toString());
		environment.put("POLYSHOP_PORT", Integer.toString(port));
		Process process = builder.start();
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
				.timeout(Duration.ofSeconds(5)).build();
		await().atMost(START_LIMIT).pollInterval(Duration.ofMillis(500)).until(() -> {
			if (!process.isAlive()) {
				throw new AssertionError("Polyshop exited " + process.exitValue() + ":\n" + Files.readString(log));
			}
			try {
				return http.send(health, HttpResponse.BodyHandlers.ofString()).body().contains("\"status\":\"UP\"");
			}
			catch (IOException e) {
				return false;
			}
		});
		return process;
	}

	/** The JVM the launcher started, which runs Polyshop from the unpacked jar. */
	private static ProcessHandle child(Process launcher) {
		List<ProcessHandle> children = launcher.children().toList();
		assertThat(children).as("the launcher runs Polyshop in one child JVM").singleElement();
		ProcessHandle child = children.get(0);
		assertThat(child.info().commandLine().orElse("")).contains(ClassArchiveRelaunch.DIRECTORY);
		return child;
	}

	/** No ERROR, no stack trace, no remark of the JVM about its class archive. */
	private static void assertQuiet(Path log) throws IOException {
		String output = Files.readString(log, StandardCharsets.UTF_8);
		assertThat(output.lines().filter(line -> line.contains(" ERROR ") || line.startsWith("\tat ")
				|| line.contains("[warning]") || line.contains("Exception in thread"))).as(output).isEmpty();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
