package io.polyshop.stores.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime the executable jar carries: unpacked once, reused, never used half-written or altered. */
class Neo4jRuntimeTest {

	@TempDir
	Path root;

	@Test
	void unpacksOnceAndReusesTheVerifiedCopy() throws Exception {
		byte[] zip = zip("lib/a.jar", "first", "lib/b.jar", "second jar");
		String sha = sha256(zip);
		AtomicInteger opened = new AtomicInteger();

		Path first = Neo4jRuntime.unpacked(root, sha, () -> { opened.incrementAndGet(); return new ByteArrayInputStream(zip); });
		Path again = Neo4jRuntime.unpacked(root, sha, () -> { opened.incrementAndGet(); return new ByteArrayInputStream(zip); });

		assertThat(again).isEqualTo(first);
		assertThat(opened).hasValue(1);
		assertThat(first.resolve("lib/b.jar")).hasContent("second jar");
		assertThat(Neo4jRuntime.verify(first)).isEmpty();
	}

	@Test
	void aDamagedCopyIsUnpackedAgain() throws Exception {
		byte[] zip = zip("lib/a.jar", "first");
		String sha = sha256(zip);
		Path installed = Neo4jRuntime.unpacked(root, sha, () -> new ByteArrayInputStream(zip));
		Files.writeString(installed.resolve("lib/a.jar"), "truncated!");
		assertThat(Neo4jRuntime.verify(installed)).isNotEmpty();

		Path repaired = Neo4jRuntime.unpacked(root, sha, () -> new ByteArrayInputStream(zip));

		assertThat(repaired.resolve("lib/a.jar")).hasContent("first");
	}

	@Test
	void anArchiveThatDoesNotMatchItsChecksumLeavesNothingBehind() throws Exception {
		byte[] zip = zip("lib/a.jar", "first");
		String wrong = sha256("something else".getBytes(StandardCharsets.UTF_8));

		assertThatThrownBy(() -> Neo4jRuntime.unpacked(root, wrong, () -> new ByteArrayInputStream(zip)))
				.isInstanceOf(UncheckedIOException.class).hasStackTraceContaining("SHA-256");
		try (var left = Files.list(root)) {
			assertThat(left).isEmpty();
		}
	}

	@Test
	void aNewBuildReplacesTheOlderRuntime() throws Exception {
		byte[] old = zip("lib/a.jar", "old");
		byte[] current = zip("lib/a.jar", "new");
		Path oldDir = Neo4jRuntime.unpacked(root, sha256(old), () -> new ByteArrayInputStream(old));

		Path newDir = Neo4jRuntime.unpacked(root, sha256(current), () -> new ByteArrayInputStream(current));

		assertThat(newDir).isNotEqualTo(oldDir);
		assertThat(oldDir).doesNotExist();
		assertThat(newDir.resolve("lib/a.jar")).hasContent("new");
	}

	@Test
	void aConfiguredClasspathWins() {
		assertThat(Neo4jRuntime.classpath(root, "/somewhere/lib/*")).isEqualTo("/somewhere/lib/*");
	}

	private static byte[] zip(String... namesAndContents) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			for (int i = 0; i < namesAndContents.length; i += 2) {
				zip.putNextEntry(new ZipEntry(namesAndContents[i]));
				zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
				zip.closeEntry();
			}
		}
		return bytes.toByteArray();
	}

	private static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}
}
