package io.polyshop.operations.internal.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A restore reads the archive against its manifest first: anything damaged is refused before a store is touched. */
class ArchivesTest {

	@TempDir
	Path directory;

	@Test
	void aWholeArchiveVerifies() throws Exception {
		Path archive = archive("a,b\n1,2\n", "a,b\n1,2\n", true);
		Manifest manifest = Archives.verify(archive);
		assertThat(manifest.recordsPerStore()).containsEntry("postgres", 1L);
	}

	@Test
	void anAlteredEntryIsRefused() throws Exception {
		Path archive = archive("a,b\n1,2\n", "a,b\n1,3\n", true);
		assertThatThrownBy(() -> Archives.verify(archive)).isInstanceOf(InvalidArchive.class).hasMessageContaining("damaged");
	}

	@Test
	void aTruncatedArchiveIsRefused() throws Exception {
		Path archive = archive("a,b\n1,2\n", "a,b\n1,2\n", true);
		byte[] bytes = Files.readAllBytes(archive);
		Files.write(archive, Arrays.copyOf(bytes, bytes.length - 30));
		assertThatThrownBy(() -> Archives.verify(archive)).isInstanceOf(InvalidArchive.class).hasMessageContaining("truncated");
	}

	@Test
	void anArchiveWithoutManifestIsRefused() throws Exception {
		Path archive = archive("a,b\n1,2\n", "a,b\n1,2\n", false);
		assertThatThrownBy(() -> Archives.verify(archive)).isInstanceOf(InvalidArchive.class).hasMessageContaining("manifest");
	}

	@Test
	void graphValuesKeepTheirTypes() {
		var encoded = GraphValues.encode(org.neo4j.driver.Values.value(java.util.Map.of("at",
				java.time.ZonedDateTime.parse("2026-11-25T21:00:00Z"), "n", 3L, "name", "x")));
		String json = Archives.JSON.writeValueAsString(encoded);
		@SuppressWarnings("unchecked")
		var decoded = GraphValues.decode(Archives.JSON.readValue(json, java.util.Map.class));
		assertThat(decoded.get("at")).isEqualTo(java.time.ZonedDateTime.parse("2026-11-25T21:00:00Z"));
		assertThat(((Number) decoded.get("n")).longValue()).isEqualTo(3L);
		assertThat(decoded.get("name")).isEqualTo("x");
	}

	/** An archive whose manifest describes {@code described} while the entry holds {@code written}. */
	private Path archive(String described, String written, boolean withManifest) throws IOException {
		Path archive = directory.resolve("backup.zip");
		byte[] content = written.getBytes(StandardCharsets.UTF_8);
		byte[] expected = described.getBytes(StandardCharsets.UTF_8);
		try (OutputStream file = Files.newOutputStream(archive); ZipOutputStream zip = new ZipOutputStream(file)) {
			zip.putNextEntry(new ZipEntry("postgres/t.csv"));
			zip.write(content);
			zip.closeEntry();
			if (withManifest) {
				Manifest manifest = new Manifest(Manifest.FORMAT, Instant.now(), "130", "1:1:", Instant.now(),
						List.of(new Manifest.Entry("postgres/t.csv", "postgres", 1, expected.length, sha256(expected))), 0.1);
				zip.putNextEntry(new ZipEntry(Manifest.NAME));
				zip.write(Archives.JSON.writeValueAsBytes(manifest));
				zip.closeEntry();
			}
		}
		return archive;
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}
}
