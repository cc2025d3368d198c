package io.polyshop.stores.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The class data sharing archive (AppCDS) of the Neo4j child JVM, kept under the data directory: the classes Neo4j
 * loaded at its first start, already parsed and verified, mapped into every later start instead of being read again
 * from its 200 jars (about 13,000 classes: the largest part of Neo4j's start-up CPU).
 * <p>
 * On JDK 19 and later the JVM manages the archive itself ({@code -XX:+AutoCreateSharedArchive}: made at exit when
 * missing or made by another JDK, used otherwise). On JDK 17 the first run dumps it at exit
 * ({@code -XX:ArchiveClassesAtExit}) into a pending file that becomes the archive only once the child exited
 * cleanly, so a half-written archive is never used; later runs map it ({@code -XX:SharedArchiveFile}). An archive
 * that does not match (another JDK, another runtime, jars unpacked again) is ignored by the JVM without a word, so
 * its name carries the JDK, the classpath and when the classpath's jars last changed: a new one is made instead. Only for a classpath of jars: the JVM refuses to archive
 * classes from a directory, as the development classpath ({@code neo4j-server/target/classes}) has.
 */
final class Neo4jClassArchive {

	private static final Logger log = LoggerFactory.getLogger("polyshop.embedded.neo4j");
	static final String DIRECTORY = "neo4j-cds";

	private final Path archive;
	private final Path pending;
	private final boolean automatic;

	private Neo4jClassArchive(Path archive, boolean automatic) {
		this.archive = archive;
		this.pending = archive.resolveSibling(archive.getFileName() + ".pending");
		this.automatic = automatic;
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
		String key = sha256(javaHome + "\n" + System.getProperty("java.vm.version") + "\n" + javaFeature + "\n"
				+ classpath + "\n" + lastModified(classpath)).substring(0, 16);
		return Optional.of(new Neo4jClassArchive(dataDirectory.resolve(DIRECTORY).resolve("neo4j-" + key + ".jsa"),
				javaFeature >= 19));
	}

	/** The JVM options that use the archive, or make it when there is none yet; leftovers of other JDKs go. */
	List<String> jvmOptions() {
		try {
			Files.createDirectories(archive.getParent());
			removeOthers();
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot prepare " + archive.getParent(), e);
		}
		if (automatic) {
			return List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archive);
		}
		if (Files.isRegularFile(archive)) {
			return List.of("-XX:SharedArchiveFile=" + archive);
		}
		return List.of("-XX:ArchiveClassesAtExit=" + pending);
	}

	/** Whether the child writes the archive when it exits (JDK 17, no archive yet), which makes that stop longer. */
	boolean writtenAtExit() {
		return !automatic && !Files.isRegularFile(archive);
	}

	/** After the child exited: an archive it dumped on a clean exit becomes the one later starts use. */
	void exited(int exitCode) {
		if (automatic || !Files.exists(pending)) {
			return;
		}
		try {
			if (exitCode == 0) {
				Files.move(pending, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
				log.debug("Neo4j's class archive is ready for the next start: {}", archive);
			}
			else {
				Files.delete(pending);
				log.debug("Neo4j exited with status {}; its class archive {} was dropped", exitCode, pending);
			}
		}
		catch (IOException e) {
			log.debug("Neo4j's class archive {} was not kept: {}", pending, e.toString());
		}
	}

	Path file() {
		return archive;
	}

	private void removeOthers() throws IOException {
		try (DirectoryStream<Path> files = Files.newDirectoryStream(archive.getParent())) {
			for (Path file : files) {
				if (!file.equals(archive) && !file.equals(pending)) {
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

	private static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
