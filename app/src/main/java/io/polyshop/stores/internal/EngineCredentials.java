package io.polyshop.stores.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import java.util.Set;

/**
 * Passwords of the embedded engines, generated at the first start and kept in {@code <data dir>/credentials.properties},
 * readable by this user only (the data directory itself is 0700). Anyone who can read the file could also read the
 * data files directly, so the file protects nothing the directory does not; what it stops is another local user,
 * or a process under another account, connecting to the engines' loopback ports as a superuser.
 */
record EngineCredentials(Path file, String postgresPassword, String redisPassword, String neo4jPassword) {

	static final String FILE_NAME = "credentials.properties";
	static final String POSTGRES_USER = "postgres";
	static final String NEO4J_USER = "neo4j";

	private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
	private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
	private static final SecureRandom random = new SecureRandom();

	/** Reads the credentials of this data directory, creating any that are missing (first start, or an older version). */
	static synchronized EngineCredentials loadOrCreate(Path dataDirectory) {
		Path file = dataDirectory.resolve(FILE_NAME);
		try {
			if (!Files.isDirectory(dataDirectory)) {
				Files.createDirectories(dataDirectory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
			}
			restrictToOwner(dataDirectory, OWNER_ONLY_DIRECTORY);
			Properties properties = new Properties();
			if (Files.exists(file)) {
				try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
					properties.load(in);
				}
			}
			boolean changed = false;
			for (String key : new String[] { "postgres.password", "redis.password", "neo4j.password" }) {
				if (properties.getProperty(key, "").isBlank()) {
					properties.setProperty(key, newPassword());
					changed = true;
				}
			}
			if (changed) {
				Path temporary = dataDirectory.resolve(FILE_NAME + ".new");
				Files.deleteIfExists(temporary);
				Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
				try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8, StandardOpenOption.WRITE)) {
					properties.store(out, "Passwords of the embedded engines (users: postgres, default for redis, neo4j). Keep this file private.");
				}
				Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
			}
			restrictToOwner(file, OWNER_ONLY_FILE);
			return new EngineCredentials(file, properties.getProperty("postgres.password"), properties.getProperty("redis.password"),
					properties.getProperty("neo4j.password"));
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read or write the engine credentials in " + file, e);
		}
	}

	/** 24 random bytes, URL-safe: no character needs quoting in a URL, a config file or an SQL literal. */
	private static String newPassword() {
		byte[] bytes = new byte[24];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static void restrictToOwner(Path path, Set<PosixFilePermission> permissions) throws IOException {
		if (Files.getFileAttributeView(path, java.nio.file.attribute.PosixFileAttributeView.class) != null
				&& !Files.getPosixFilePermissions(path).equals(permissions)) {
			Files.setPosixFilePermissions(path, permissions);
		}
	}

	@Override
	public String toString() {
		return "EngineCredentials[" + file + "]"; // never the passwords
	}
}
