package io.polyshop.stores.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import io.polyshop.shared.StartupCompilation;

/**
 * A real Neo4j 5.26 run as a child JVM (module {@code neo4j-server}) with Bolt on a loopback port, so the
 * application uses the ordinary Neo4j driver. A separate JVM keeps Neo4j's Netty 4.1 apart from Spring Boot's
 * Netty 4.2. The child exits when its standard input closes, so it never outlives Polyshop, even after
 * {@code kill -9}.
 */
final class Neo4jEngine extends ChildJvmEngine {

	private static final Logger log = LoggerFactory.getLogger("polyshop.embedded.neo4j");
	private static final String READY = "POLYSHOP-NEO4J-READY ";
	private static final String LAUNCHER = "io.polyshop.neo4jserver.EmbeddedNeo4jServer";
	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(300); // a busy 2-core machine needed more than 120 s

	private final Optional<Neo4jClassArchive> classArchive;

	private Neo4jEngine(ChildJvm child, Optional<Neo4jClassArchive> classArchive, ChildJvm.Started started) {
		super(child, started.process(), started.url());
		this.classArchive = classArchive;
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
		}
		catch (IOException e) {
			throw new UncheckedIOException("Embedded Neo4j did not start in " + home, e);
		}
		ChildJvm child = new ChildJvm("Embedded Neo4j", command, Map.of("POLYSHOP_NEO4J_PASSWORD", credentials.neo4jPassword()),
				pidFile, READY, STARTUP_TIMEOUT, log, Level.DEBUG); // Neo4j's own log is chatty: its files hold it
		return new Neo4jEngine(child, classArchive, child.start());
	}

	static String url(int port) {
		return "bolt://127.0.0.1:" + port;
	}

	@Override
	public void close() {
		// writing the class archive at exit (the first stop on JDK 17) takes a few seconds more
		Process stopped = stop(Duration.ofSeconds(classArchive.map(Neo4jClassArchive::writtenAtExit).orElse(false) ? 120 : 30));
		if (!stopped.isAlive()) {
			classArchive.ifPresent(archive -> archive.exited(stopped.exitValue()));
		}
	}
}
