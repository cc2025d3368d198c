package io.polyshop.stores.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the Neo4j child JVM finds its classes. {@code mvn spring-boot:run} and the tests name the launcher module's
 * build output ({@code polyshop.neo4j.embedded.classpath}); the executable jar carries the same runtime as one zip
 * with its SHA-256 (see app/pom.xml), unpacked on first start into {@code <data-dir>/neo4j-runtime/<sha>/} and
 * reused on every later start of the same build. A half-unpacked or altered copy is never used: the directory
 * appears by an atomic rename only once the archive's checksum matched, and its list of files and sizes is checked
 * at each start.
 */
final class Neo4jRuntime {

	private static final Logger log = LoggerFactory.getLogger("polyshop.embedded.neo4j");
	static final String ARCHIVE = "neo4j/neo4j-runtime.zip";
	private static final String CONTENTS = "CONTENTS";

	private Neo4jRuntime() {
	}

	/** The classpath of the Neo4j launcher: the configured one, else the runtime packed in this jar. */
	static String classpath(Path dataDirectory, String configured) {
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		ClassLoader loader = Neo4jRuntime.class.getClassLoader();
		String sha256 = readChecksum(loader);
		if (sha256 == null) {
			throw new IllegalStateException("""
					No embedded Neo4j runtime: this build carries none (%s) and polyshop.neo4j.embedded.classpath \
					(POLYSHOP_NEO4J_CLASSPATH) is not set. Build the jar with 'mvn package', start Polyshop with \
					'mvn spring-boot:run', or point POLYSHOP_NEO4J_URI at a Neo4j server.""".formatted(ARCHIVE));
		}
		Path installed = unpacked(dataDirectory.resolve("neo4j-runtime"), sha256, () -> loader.getResourceAsStream(ARCHIVE));
		return installed.resolve("lib") + "/*";
	}

	interface Archive {
		InputStream open() throws IOException;
	}

	/** The directory holding the verified runtime of this checksum, unpacking {@code archive} there if needed. */
	static Path unpacked(Path root, String sha256, Archive archive) {
		Path target = root.resolve(sha256.substring(0, 16));
		try {
			if (Files.isDirectory(target)) {
				List<String> problems = verify(target);
				if (problems.isEmpty()) {
					return target;
				}
				log.warn("The unpacked Neo4j runtime in {} is damaged ({}); unpacking it again", target, problems.get(0));
				deleteTree(target);
			}
			long started = System.nanoTime();
			Files.createDirectories(root);
			Path staging = Files.createTempDirectory(root, ".unpacking-");
			try {
				unpack(archive, sha256, staging);
				try {
					Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
				}
				catch (AtomicMoveNotSupportedException e) {
					Files.move(staging, target);
				}
			}
			finally {
				deleteTree(staging);
			}
			removeOtherVersions(root, target);
			log.info("Unpacked the Neo4j runtime into {} in {} ms", target, (System.nanoTime() - started) / 1_000_000);
			return target;
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not unpack the Neo4j runtime into " + target, e);
		}
	}

	private static void unpack(Archive archive, String sha256, Path staging) throws IOException {
		MessageDigest digest = sha256();
		List<String> contents = new ArrayList<>();
		try (InputStream raw = archive.open()) {
			if (raw == null) {
				throw new IOException(ARCHIVE + " is missing from this build");
			}
			try (DigestInputStream digesting = new DigestInputStream(raw, digest);
					ZipInputStream zip = new ZipInputStream(digesting)) {
				for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
					Path file = staging.resolve(entry.getName()).normalize();
					if (!file.startsWith(staging)) {
						throw new IOException("Entry outside the archive's root: " + entry.getName());
					}
					if (entry.isDirectory()) {
						Files.createDirectories(file);
						continue;
					}
					Files.createDirectories(file.getParent());
					long size = Files.copy(zip, file);
					contents.add(size + " " + staging.relativize(file));
				}
				digesting.transferTo(java.io.OutputStream.nullOutputStream()); // the digest covers the whole archive, central directory too
			}
		}
		String actual = HexFormat.of().formatHex(digest.digest());
		if (!actual.equalsIgnoreCase(sha256)) {
			throw new IOException("The Neo4j runtime archive's SHA-256 is " + actual + ", expected " + sha256);
		}
		try (BufferedWriter out = Files.newBufferedWriter(staging.resolve(CONTENTS), StandardCharsets.UTF_8)) {
			for (String line : contents) {
				out.write(line);
				out.newLine();
			}
		}
	}

	/** What is wrong with an unpacked runtime: files missing or of another size than unpacked; empty if nothing. */
	static List<String> verify(Path directory) throws IOException {
		Path contents = directory.resolve(CONTENTS);
		if (!Files.isRegularFile(contents)) {
			return List.of("no " + CONTENTS + " file");
		}
		List<String> problems = new ArrayList<>();
		for (String line : Files.readAllLines(contents, StandardCharsets.UTF_8)) {
			int space = line.indexOf(' ');
			if (space < 0) {
				continue;
			}
			long size = Long.parseLong(line.substring(0, space));
			Path file = directory.resolve(line.substring(space + 1));
			if (!Files.isRegularFile(file) || Files.size(file) != size) {
				problems.add(file.getFileName() + " missing or changed");
			}
		}
		return problems;
	}

	private static void removeOtherVersions(Path root, Path keep) {
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
			for (Path entry : entries) {
				if (!entry.equals(keep) && Files.isDirectory(entry)) {
					deleteTree(entry);
				}
			}
		}
		catch (IOException e) {
			log.debug("Could not remove older Neo4j runtimes under {}: {}", root, e.getMessage());
		}
	}

	private static String readChecksum(ClassLoader loader) {
		try (InputStream in = loader.getResourceAsStream(ARCHIVE + ".sha256")) {
			if (in == null) {
				return null;
			}
			String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
			return text.isEmpty() ? null : text.split("\\s+")[0];
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static void deleteTree(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}
}
