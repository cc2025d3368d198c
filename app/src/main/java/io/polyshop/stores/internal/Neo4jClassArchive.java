package io.polyshop.stores.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.polyshop.shared.ClassArchive;

/**
 * The class data sharing archive of the Neo4j child JVM ({@link ClassArchive}), kept under the data directory: the
 * classes Neo4j loaded at its first start, mapped into every later start instead of being read again from its 200
 * jars (about 13,000 classes: the largest part of Neo4j's start-up CPU). Its name carries the JDK, the classpath and
 * when the classpath's jars last changed (a runtime unpacked again): the JVM ignores an archive that does not match.
 * Only for a classpath of jars: the JVM refuses to archive classes from a directory, as the development classpath
 * ({@code neo4j-server/target/classes}) has.
 */
final class Neo4jClassArchive {

	private static final Logger log = LoggerFactory.getLogger("polyshop.embedded.neo4j");
	static final String DIRECTORY = "neo4j-cds";

	private final ClassArchive archive;
	private final Path pending;

	private Neo4jClassArchive(Path file, int javaFeature) {
		this.pending = file.resolveSibling(file.getFileName() + ".pending");
		this.archive = new ClassArchive(file, pending, javaFeature);
	}

	/**
	 * The archive for this JDK and classpath under {@code dataDirectory}, or none when the classpath holds a directory
	 * or the JDK has no class data sharing ({@code javaFeature} is the JDK's feature release, 17, 21, 25...).
	 */
	static Optional<Neo4jClassArchive> of(Path dataDirectory, String classpath, String javaHome, int javaFeature) {
		boolean onlyJars = Arrays.stream(classpath.split(java.io.File.pathSeparator))
				.allMatch(entry -> entry.endsWith(".jar") || entry.endsWith("/*"));
		if (!onlyJars || javaFeature < 17) {
			return Optional.empty();
		}
		String key = ClassArchive.key(javaHome + "\n" + System.getProperty("java.vm.version") + "\n" + javaFeature + "\n"
				+ classpath + "\n" + lastModified(classpath));
		return Optional.of(new Neo4jClassArchive(dataDirectory.resolve(DIRECTORY).resolve("neo4j-" + key + ".jsa"), javaFeature));
	}

	/** The JVM options that use the archive, or make it when there is none yet; leftovers of other JDKs go. */
	List<String> jvmOptions() {
		try {
			Files.createDirectories(file().getParent());
			removeOthers();
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot prepare " + file().getParent(), e);
		}
		return archive.jvmOptions();
	}

	/** Whether the child writes the archive when it exits (JDK 17, no archive yet), which makes that stop longer. */
	boolean writtenAtExit() {
		return archive.writtenAtExit();
	}

	/** After the child exited: an archive it dumped on a clean exit becomes the one later starts use. */
	void exited(int exitCode) {
		try {
			switch (archive.settle(exitCode == 0)) {
				case KEPT -> log.debug("Neo4j's class archive is ready for the next start: {}", file());
				case DROPPED -> log.debug("Neo4j exited with status {}; its class archive {} was dropped", exitCode, pending);
				case NONE -> { }
			}
		}
		catch (IOException e) {
			log.debug("Neo4j's class archive {} was not kept: {}", pending, e.toString());
		}
	}

	Path file() {
		return archive.file();
	}

	private void removeOthers() throws IOException {
		try (DirectoryStream<Path> files = Files.newDirectoryStream(file().getParent())) {
			for (Path file : files) {
				if (!file.equals(file()) && !file.equals(pending)) {
					Files.deleteIfExists(file);
				}
			}
		}
	}

	/**
	 * When the classpath's jars (or the directories of its wildcards) last changed: the JVM ignores an archive whose
	 * jars changed since it was made (a runtime unpacked again), so such a change names a new archive.
	 */
	private static String lastModified(String classpath) {
		StringBuilder times = new StringBuilder();
		for (String entry : classpath.split(java.io.File.pathSeparator)) {
			Path path = Path.of(entry.endsWith("/*") ? entry.substring(0, entry.length() - 2) : entry);
			try {
				times.append(Files.getLastModifiedTime(path).toMillis()).append(' ');
			}
			catch (IOException e) {
				times.append("missing ");
			}
		}
		return times.toString();
	}
}
