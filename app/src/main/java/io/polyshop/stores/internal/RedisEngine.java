package io.polyshop.stores.internal;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import redis.embedded.core.ExecutableProvider;

/**
 * A real redis-server binary (shipped in the embedded-redis jar), append-only file in {@code <data dir>/redis}.
 * <p>
 * Only the binary comes from embedded-redis: its {@code RedisServer} registers a JVM shutdown hook of its own (which
 * would stop Redis while the application still uses it) and writes its settings, the password included, to a
 * world-readable temporary file. Here the settings live in {@code <data dir>/redis/redis.conf} (mode 0600) and the
 * process is started and stopped with the application context.
 * <p>
 * Durability: {@code appendfsync everysec}, so a crash of the machine loses at most the last second of cart and
 * session writes; a crash of Redis alone (kill -9) loses nothing the kernel already had.
 */
final class RedisEngine implements EmbeddedEngine {

	/**
	 * setsid(1), where there is one (Linux): redis-server runs in a session of its own, so a terminal's Ctrl-C or a
	 * stop signal to the whole process group (systemd's default) reaches only Polyshop, which stops it last. In the
	 * group, it ended at once, ~1.6 s before the application began its stop, and was taken for a crash: a WARN and a
	 * restart during every such stop. setsid execs in the same process (the JVM's child leads no group), so the pid
	 * and the exit watched are redis-server's own.
	 */
	private static final Optional<Path> OWN_SESSION = Stream.of("/usr/bin/setsid", "/bin/setsid").map(Path::of)
			.filter(Files::isExecutable).findFirst();
	private static final Logger log = LoggerFactory.getLogger("polyshop.embedded.redis");
	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

	private final Path data;
	private final int port;
	private final File executable;
	private volatile Process process;

	private RedisEngine(Path data, int port, File executable) {
		this.data = data;
		this.port = port;
		this.executable = executable;
	}

	static RedisEngine start(Path dataDirectory, int port, EngineCredentials credentials) {
		Path data = dataDirectory.resolve("redis");
		Path pidFile = data.resolve("redis.pid");
		try {
			Files.createDirectories(data);
			LeftoverProcesses.stop(pidFile, "redis");
			Path config = data.resolve("redis.conf");
			Files.deleteIfExists(config);
			Files.createFile(config, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			Files.writeString(config, String.join("\n",
					"# written by Polyshop at every start",
					"bind 127.0.0.1",
					"port " + port,
					"dir \"" + data.toAbsolutePath() + "\"",
					"pidfile \"" + pidFile.toAbsolutePath() + "\"",
					"requirepass " + credentials.redisPassword(),
					// every write is in the append-only file within a second, and survives a restart
					"appendonly yes",
					"appendfsync everysec",
					"save \"\"",
					"maxmemory-policy noeviction",
					"daemonize no", ""), StandardCharsets.UTF_8);
			RedisEngine engine = new RedisEngine(data, port, ExecutableProvider.newJarResourceProvider().get());
			engine.launch();
			return engine;
		}
		catch (IOException e) {
			throw new UncheckedIOException("Embedded Redis did not start in " + data, e);
		}
	}

	private void launch() throws IOException {
		Process started = startProcess();
		CompletableFuture<Void> ready = new CompletableFuture<>();
		// keep draining the server's output for its whole life, or it blocks once the pipe is full
		Thread output = new Thread(() -> {
			try (BufferedReader out = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = out.readLine(); line != null; line = out.readLine()) {
					log.debug(line);
					if (line.contains("Ready to accept connections")) {
						ready.complete(null);
					}
				}
			}
			catch (IOException ignored) {
				// the process is gone; noticed through terminated()
			}
			ready.completeExceptionally(new IllegalStateException("redis-server exited before it was ready"));
		}, "redis-output");
		output.setDaemon(true);
		output.start();
		try {
			ready.get(STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (InterruptedException | ExecutionException | TimeoutException e) {
			started.destroyForcibly();
			if (e instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			throw new IOException("redis-server did not become ready (see " + data + ")", e);
		}
		process = started;
	}

	/**
	 * The binary was just written (embedded-redis extracts it at every start) while the other engines start in
	 * parallel: a process forked meanwhile by another thread briefly inherits the open file, and exec then fails with
	 * "Text file busy" (ETXTBSY, error=26) until that child has exec'd. Seen once in a restart of the jar; it passes
	 * within milliseconds, so it is retried.
	 */
	private Process startProcess() throws IOException {
		List<String> command = new ArrayList<>();
		OWN_SESSION.ifPresent(setsid -> command.add(setsid.toString()));
		command.addAll(List.of(executable.getAbsolutePath(), data.resolve("redis.conf").toAbsolutePath().toString()));
		ProcessBuilder builder = new ProcessBuilder(command).directory(data.toFile()).redirectErrorStream(true);
		for (int attempt = 1;; attempt++) {
			try {
				return builder.start();
			}
			catch (IOException e) {
				if (attempt == 20 || !String.valueOf(e.getMessage()).contains("error=26")) {
					throw e;
				}
				try {
					Thread.sleep(50L * attempt);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw e;
				}
			}
		}
	}

	@Override
	public String url() {
		return "redis://127.0.0.1:" + port;
	}

	@Override
	public long pid() {
		return process.pid();
	}

	@Override
	public CompletableFuture<?> terminated() {
		return process.onExit();
	}

	@Override
	public synchronized void restart() {
		try {
			launch();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public void close() {
		Process running = process;
		running.destroy(); // SIGTERM: redis flushes the append-only file and exits
		try {
			if (!running.waitFor(10, TimeUnit.SECONDS)) {
				log.warn("Redis did not stop within 10 s; killing it");
				running.destroyForcibly();
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			running.destroyForcibly();
		}
	}
}
