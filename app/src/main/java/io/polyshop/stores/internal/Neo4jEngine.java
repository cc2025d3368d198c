package io.polyshop.stores.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.polyshop.shared.StartupCompilation;

/**
 * A real Neo4j 5.26 run as a child JVM (module {@code neo4j-server}) with Bolt on a loopback port, so the
 * application uses the ordinary Neo4j driver. A separate JVM keeps Neo4j's Netty 4.1 apart from Spring Boot's
 * Netty 4.2. The child exits when its standard input closes, so it never outlives Polyshop, even after
 * {@code kill -9}.
 */
final class Neo4jEngine implements EmbeddedEngine {

	private static final Logger log = LoggerFactory.getLogger("polyshop.embedded.neo4j");
	private static final String READY = "POLYSHOP-NEO4J-READY ";
	private static final String LAUNCHER = "io.polyshop.neo4jserver.EmbeddedNeo4jServer";
	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(300); // a busy 2-core machine needed more than 120 s

	private final List<String> command;
	private final String password;
	private final Path pidFile;
	private final Optional<Neo4jClassArchive> classArchive;
	private volatile Process process;
	private final String url;

	private Neo4jEngine(List<String> command, String password, Path pidFile, Optional<Neo4jClassArchive> classArchive,
			Process process, String url) {
		this.command = command;
		this.password = password;
		this.pidFile = pidFile;
		this.classArchive = classArchive;
		this.process = process;
		this.url = url;
	}

	static Neo4jEngine start(Path dataDirectory, int port, String classpath, String maxHeap, EngineCredentials credentials) {
		classpath = Neo4jRuntime.classpath(dataDirectory, classpath); // the jar's own runtime unless one is configured
		Path home = dataDirectory.resolve("neo4j");
		Path pidFile = dataDirectory.resolve("neo4j.pid");
		LeftoverProcesses.stop(pidFile, "java");
		String javaHome = System.getProperty("java.home");
		Optional<Neo4jClassArchive> classArchive = Neo4jClassArchive.of(dataDirectory, classpath, javaHome,
				Runtime.version().feature());
		List<String> command = new ArrayList<>(List.of(Path.of(javaHome, "bin", "java").toString(), "-Xms64m",
				"-Xmx" + maxHeap, "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError"));
		command.addAll(StartupCompilation.jvmOptions(List.of()));
		classArchive.ifPresent(archive -> command.addAll(archive.jvmOptions()));
		command.addAll(List.of("-cp", classpath, LAUNCHER, home.toAbsolutePath().toString(), Integer.toString(port)));
		try {
			Files.createDirectories(home);
			Process process = launch(command, credentials.neo4jPassword(), pidFile);
			String url = awaitReady(process);
			return new Neo4jEngine(List.copyOf(command), credentials.neo4jPassword(), pidFile, classArchive, process, url);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Embedded Neo4j did not start in " + home, e);
		}
	}

	/** The password goes through the environment of the child only: a command line is visible to every local user. */
	private static Process launch(List<String> command, String password, Path pidFile) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("POLYSHOP_NEO4J_PASSWORD", password);
		Process process = builder.start();
		LeftoverProcesses.writePid(pidFile, process.pid());
		return process;
	}

	/** Reads the child's output on a daemon thread (for its whole life) and answers the Bolt URI once it is ready. */
	private static String awaitReady(Process process) {
		CompletableFuture<String> ready = new CompletableFuture<>();
		Deque<String> lastLines = new ArrayDeque<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = out.readLine(); line != null; line = out.readLine()) {
					if (line.startsWith(READY)) {
						ready.complete(line.substring(READY.length()).trim());
					}
					else {
						log.debug(line);
						synchronized (lastLines) {
							lastLines.addLast(line);
							if (lastLines.size() > 20) {
								lastLines.removeFirst();
							}
						}
					}
				}
			}
			catch (IOException ignored) {
				// the child is gone; its exit is noticed below
			}
			ready.completeExceptionally(new IllegalStateException("Neo4j stopped before it was ready"));
		}, "neo4j-output");
		reader.setDaemon(true);
		reader.start();
		try {
			return ready.get(STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (InterruptedException | ExecutionException | TimeoutException e) {
			process.destroyForcibly();
			synchronized (lastLines) {
				throw new IllegalStateException("Embedded Neo4j did not become ready: " + String.join("\n", lastLines), e);
			}
		}
	}

	@Override
	public String url() {
		return url;
	}

	static String url(int port) {
		return "bolt://127.0.0.1:" + port;
	}

	@Override
	public long pid() {
		return process.pid();
	}

	@Override
	public CompletableFuture<?> terminated() {
		return process.onExit();
	}

	@Override
	public synchronized void restart() {
		try {
			Process restarted = launch(command, password, pidFile);
			awaitReady(restarted);
			process = restarted;
		}
		catch (IOException e) {
			throw new UncheckedIOException("Embedded Neo4j did not restart", e);
		}
	}

	@Override
	public void close() {
		Process process = this.process;
		try {
			process.getOutputStream().close(); // the launcher shuts Neo4j down when its stdin closes
			// writing the class archive at exit (the first stop on JDK 17) takes a few seconds more
			int timeout = classArchive.map(Neo4jClassArchive::writtenAtExit).orElse(false) ? 120 : 30;
			if (!process.waitFor(timeout, TimeUnit.SECONDS)) {
				log.warn("Neo4j did not stop within {} s; killing it", timeout);
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
			if (!process.isAlive()) {
				classArchive.ifPresent(archive -> archive.exited(process.exitValue()));
			}
		}
		catch (IOException e) {
			process.destroyForcibly();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
	}
}
