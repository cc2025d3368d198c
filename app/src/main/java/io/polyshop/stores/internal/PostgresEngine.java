package io.polyshop.stores.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A real PostgreSQL 17 server from the binaries zonky ships in a jar, data in {@code <data dir>/postgres}. */
final class PostgresEngine implements EmbeddedEngine {

	static final String DATABASE = "postgres";

	private final EmbeddedPostgres postgres;

	private PostgresEngine(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	static PostgresEngine start(Path dataDirectory, int port) {
		Path data = dataDirectory.resolve("postgres");
		LeftoverProcesses.stop(data.resolve("postmaster.pid"), "postgres");
		try {
			return new PostgresEngine(EmbeddedPostgres.builder()
					.setDataDirectory(data)
					.setCleanDataDirectory(false)
					.setRegisterShutdownHook(false) // stopped by the registry, after the connection pool closed
					.setPort(port)
					.setServerConfig("listen_addresses", "127.0.0.1")
					.setServerConfig("max_connections", "200")
					.setServerConfig("shared_buffers", "64MB")
					.setPGStartupWait(Duration.ofSeconds(60))
					.start());
		}
		catch (IOException e) {
			throw new UncheckedIOException("Embedded PostgreSQL did not start in " + data, e);
		}
	}

	@Override
	public String url() {
		return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
	}

	@Override
	public void close() {
		try {
			postgres.close();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
