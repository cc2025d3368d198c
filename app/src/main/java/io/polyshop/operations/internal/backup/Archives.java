package io.polyshop.operations.internal.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import tools.jackson.databind.json.JsonMapper;

/**
 * The archive format: one zip file, an entry per table, collection, graph part and key space, then
 * {@value Manifest#NAME}. A zip's directory is at its end, so a truncated archive does not even open; each entry's
 * SHA-256 in the manifest catches an altered one.
 */
public final class Archives {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private Archives() {
	}

	/** Reads every entry and checks it against the manifest; answers the manifest, or throws {@link InvalidArchive}. */
	public static Manifest verify(Path archive) {
		if (!Files.isRegularFile(archive)) {
			throw new InvalidArchive("No archive at " + archive);
		}
		try (ZipFile zip = new ZipFile(archive.toFile())) {
			ZipEntry manifestEntry = zip.getEntry(Manifest.NAME);
			if (manifestEntry == null) {
				throw new InvalidArchive(archive + " has no " + Manifest.NAME + ": not a Polyshop backup, or cut short while written");
			}
			Manifest manifest;
			try (InputStream in = zip.getInputStream(manifestEntry)) {
				manifest = JSON.readValue(in, Manifest.class);
			}
			if (manifest.format() != Manifest.FORMAT) {
				throw new InvalidArchive("Archive format " + manifest.format() + " is not " + Manifest.FORMAT + ", which this version restores");
			}
			Set<String> listed = new HashSet<>();
			for (Manifest.Entry entry : manifest.entries()) {
				listed.add(entry.name());
				ZipEntry zipEntry = zip.getEntry(entry.name());
				if (zipEntry == null) {
					throw new InvalidArchive("Archive lacks " + entry.name() + ", which its manifest lists");
				}
				MessageDigest sha = sha256();
				long bytes;
				try (InputStream in = new DigestInputStream(zip.getInputStream(zipEntry), sha)) {
					bytes = in.transferTo(OutputStream.nullOutputStream());
				}
				String actual = HexFormat.of().formatHex(sha.digest());
				if (bytes != entry.bytes() || !actual.equals(entry.sha256())) {
					throw new InvalidArchive("Entry " + entry.name() + " is damaged: " + bytes + " bytes with SHA-256 " + actual
							+ ", the manifest says " + entry.bytes() + " bytes with " + entry.sha256());
				}
			}
			var names = zip.entries();
			while (names.hasMoreElements()) {
				String name = names.nextElement().getName();
				if (!name.equals(Manifest.NAME) && !listed.contains(name)) {
					throw new InvalidArchive("Archive holds " + name + ", which its manifest does not list");
				}
			}
			return manifest;
		}
		catch (InvalidArchive e) {
			throw e;
		}
		catch (IOException | RuntimeException e) { // ZipException for a truncated file, CRC errors, bad JSON
			throw new InvalidArchive(archive + " is damaged or truncated (" + e.getMessage() + ")", e);
		}
	}

	static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The SHA-256 of a whole file, as hex. */
	public static String sha256Of(Path file) throws IOException {
		MessageDigest sha = sha256();
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
			in.transferTo(OutputStream.nullOutputStream());
		}
		return HexFormat.of().formatHex(sha.digest());
	}
}
