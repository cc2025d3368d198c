package io.polyshop.stores.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * A real PostgreSQL 17 server from the binaries zonky ships in a jar, data in {@code <data dir>/postgres}.
 * <p>
 * Durable: zonky starts the server with {@code -F} (fsync off) and {@code synchronous_commit=off}, which suit
 * throw-away test databases; here {@code fsync=on} (given after {@code -F}, so it wins) and
 * {@code synchronous_commit=on}, so a committed order survives a power loss. Password (SCRAM) authentication
 * instead of zonky's trust: a data directory made by an older Polyshop (trust) is switched over at its next start.
 */
final class PostgresEngine implements EmbeddedEngine {

	static final String DATABASE = "postgres";

	private static final Logger log = LoggerFactory.getLogger(PostgresEngine.class);
	private static final String HBA_MARKER = "# polyshop: password authentication";
	private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

	private final EmbeddedPostgres postgres;
	private final Path data;
	private final Map<String, String> settings;
	private final Path binaries;
	private volatile long pid;

	private PostgresEngine(EmbeddedPostgres postgres, Path data, Map<String, String> settings) {
		this.postgres = postgres;
		this.data = data;
		this.settings = settings;
		this.pid = postmasterPid(data).orElseThrow(() -> new IllegalStateException("PostgreSQL wrote no postmaster.pid in " + data));
		// pg_ctl of the very binaries zonky unpacked, for a restart without a second EmbeddedPostgres on the same directory
		this.binaries = ProcessHandle.of(pid).flatMap(p -> p.info().command()).map(Path::of).map(Path::getParent).orElse(null);
	}

	static PostgresEngine start(Path dataDirectory, int port, EngineCredentials credentials) {
		Path data = dataDirectory.resolve("postgres");
		LeftoverProcesses.stop(data.resolve("postmaster.pid"), "postgres");
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("listen_addresses", "127.0.0.1");
		settings.put("max_connections", "200");
		settings.put("shared_buffers", "64MB");
		settings.put("timezone", "UTC");
		settings.put("fsync", "on");
		settings.put("synchronous_commit", "on");
		settings.put("full_page_writes", "on");
		boolean passwordAuthentication = usesPasswordAuthentication(data);
		try {
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
					.setDataDirectory(data)
					.setCleanDataDirectory(false)
					.setRegisterShutdownHook(false) // stopped with the application context, after the connection pool closed
					.setPort(port)
					.setPGStartupWait(STARTUP_WAIT);
			settings.forEach(builder::setServerConfig);
			if (passwordAuthentication) {
				builder.setConnectConfig("password", credentials.postgresPassword());
			}
			PostgresEngine engine = new PostgresEngine(builder.start(), data, settings);
			if (!passwordAuthentication) {
				engine.requirePassword(credentials);
			}
			return engine;
		}
		catch (IOException e) {
			throw new UncheckedIOException("Embedded PostgreSQL did not start in " + data, e);
		}
	}

	private static boolean usesPasswordAuthentication(Path data) {
		try {
			Path hba = data.resolve("pg_hba.conf");
			return Files.exists(hba) && Files.readString(hba, StandardCharsets.UTF_8).contains(HBA_MARKER);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** A new data directory, or one from a Polyshop that ran PostgreSQL in trust mode: set the password, then require it. */
	private void requirePassword(EngineCredentials credentials) {
		try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
			// ALTER ROLE takes no bind parameters; the generated password is URL-safe base64, nothing to escape
			statement.execute("SET password_encryption = 'scram-sha-256'");
			statement.execute("ALTER ROLE " + EngineCredentials.POSTGRES_USER + " PASSWORD '" + credentials.postgresPassword() + "'");
			Files.writeString(data.resolve("pg_hba.conf"), String.join("\n",
					HBA_MARKER + " (the password is in " + credentials.file() + ")",
					"local all all scram-sha-256",
					"host  all all 127.0.0.1/32 scram-sha-256",
					"host  all all ::1/128      scram-sha-256", ""), StandardCharsets.UTF_8);
			statement.execute("SELECT pg_reload_conf()");
			log.info("Embedded PostgreSQL now requires a password; it is in {}", credentials.file());
		}
		catch (SQLException | IOException e) {
			throw new IllegalStateException("Could not switch embedded PostgreSQL in " + data + " to password authentication", e);
		}
	}

	@Override
	public String url() {
		return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
	}

	@Override
	public long pid() {
		return pid;
	}

	@Override
	public CompletableFuture<?> terminated() {
		return ProcessHandle.of(pid).<CompletableFuture<?>>map(ProcessHandle::onExit).orElseGet(() -> CompletableFuture.completedFuture(null));
	}

	/** After the postmaster died: its backends exit on their own, then the server starts again with the same settings. */
	@Override
	public synchronized void restart() {
		if (binaries == null) {
			throw new IllegalStateException("The PostgreSQL binaries of the first start are unknown");
		}
		List<String> options = new ArrayList<>(List.of("-p", Integer.toString(postgres.getPort())));
		settings.forEach((key, value) -> options.addAll(List.of("-c", key + "=" + value)));
		List<String> command = new ArrayList<>();
		if (LinuxUtils.isUnshareAvailable()) {
			command.addAll(List.of("unshare", "-U")); // as zonky does: PostgreSQL refuses to run as root
		}
		command.addAll(List.of(binaries.resolve("pg_ctl").toString(), "-D", data.toString(), "-o", String.join(" ", options),
				"-l", data.resolve("restarted.log").toString(), "-w", "-t", Long.toString(STARTUP_WAIT.toSeconds()), "start"));
		try {
			Process pgCtl = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
			if (!pgCtl.waitFor(STARTUP_WAIT.toSeconds() + 5, TimeUnit.SECONDS) || pgCtl.exitValue() != 0) {
				pgCtl.destroyForcibly();
				throw new IllegalStateException("pg_ctl start failed; see " + data.resolve("restarted.log"));
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while restarting PostgreSQL", e);
		}
		pid = postmasterPid(data).orElseThrow(() -> new IllegalStateException("PostgreSQL wrote no postmaster.pid in " + data));
	}

	private static Optional<Long> postmasterPid(Path data) {
		try {
			List<String> lines = Files.readAllLines(data.resolve("postmaster.pid"), StandardCharsets.US_ASCII);
			return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
		}
		catch (IOException | NumberFormatException e) {
			return Optional.empty();
		}
	}

	@Override
	public void close() {
		if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == false) {
			return; // died and not restarted (the application stops meanwhile): nothing to stop, pg_ctl would only fail
		}
		try {
			postgres.close(); // pg_ctl stop -m fast: open sessions are ended, every committed transaction is on disk
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
