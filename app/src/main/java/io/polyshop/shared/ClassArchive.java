package io.polyshop.shared;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The class data sharing archive (AppCDS) of a JVM Polyshop starts as a child: the application itself when started
 * from its jar, and the embedded Neo4j. The classes the first start loaded, already parsed and verified, are mapped
 * into every later start instead of being read again from their jars (most of a start's CPU).
 * <p>
 * On JDK 19 and later the JVM manages the archive itself ({@code -XX:+AutoCreateSharedArchive}: made at exit when
 * missing or made by another JDK, used otherwise). On JDK 17 the first run dumps it at exit
 * ({@code -XX:ArchiveClassesAtExit}) into a pending file that becomes the archive only once the child exited cleanly,
 * so a half-written archive is never used; later runs map it ({@code -XX:SharedArchiveFile}). An archive that does
 * not match (another JDK, other jars) is ignored by the JVM without a word, so callers name it by {@link #key}s of
 * what it depends on, and a change makes a new one.
 */
public final class ClassArchive {

	/** What {@link #settle} did with the archive the child may have dumped at its exit. */
	public enum Pending {
		/** Nothing was dumped (the archive existed, or the JVM manages it). */
		NONE,
		/** The child exited cleanly: its dump is the archive now. */
		KEPT,
		/** The child did not exit cleanly: its dump may be half written and was deleted. */
		DROPPED
	}

	private final Path archive;
	private final Path pending;
	private final boolean automatic;

	/**
	 * The archive at {@code archive}, dumped first into {@code pending} on JDK 17; {@code javaFeature} is the child's
	 * feature release (17, 21, 25...).
	 */
	public ClassArchive(Path archive, Path pending, int javaFeature) {
		this.archive = archive;
		this.pending = pending;
		this.automatic = javaFeature >= 19;
	}

	/** The JVM options that map the archive, or make it when there is none yet. */
	public List<String> jvmOptions() {
		if (automatic) {
			return List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archive);
		}
		if (Files.isRegularFile(archive)) {
			return List.of("-XX:SharedArchiveFile=" + archive);
		}
		return List.of("-XX:ArchiveClassesAtExit=" + pending);
	}

	/** Whether the child writes the archive when it exits (JDK 17, no archive yet), which makes that stop longer. */
	public boolean writtenAtExit() {
		return !automatic && !Files.isRegularFile(archive);
	}

	/** After the child exited: a dump of a clean exit becomes the archive later starts map; any other is deleted. */
	public synchronized Pending settle(boolean cleanExit) throws IOException {
		if (automatic || !Files.exists(pending)) {
			return Pending.NONE;
		}
		if (cleanExit) {
			Files.move(pending, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			return Pending.KEPT;
		}
		Files.delete(pending);
		return Pending.DROPPED;
	}

	public Path file() {
		return archive;
	}

	/** A short name for what an archive depends on (JDK, jars and their times): 16 hex digits of its SHA-256. */
	public static String key(String dependsOn) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(dependsOn.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest).substring(0, 16);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is required of every JDK", e);
		}
	}
}
