package io.polyshop.stores.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import redis.embedded.RedisServer;

/** A real redis-server binary (shipped in the embedded-redis jar), append-only file in {@code <data dir>/redis}. */
final class RedisEngine implements EmbeddedEngine {

	private static final Logger log = LoggerFactory.getLogger("polyshop.embedded.redis");

	private final RedisServer server;
	private final int port;

	private RedisEngine(RedisServer server, int port) {
		this.server = server;
		this.port = port;
	}

	static RedisEngine start(Path dataDirectory, int port) {
		Path data = dataDirectory.resolve("redis");
		Path pidFile = data.resolve("redis.pid");
		try {
			Files.createDirectories(data);
			LeftoverProcesses.stop(pidFile, "redis");
			RedisServer server = RedisServer.newRedisServer()
					.bind("127.0.0.1")
					.port(port)
					.setting("dir " + data.toAbsolutePath())
					.setting("pidfile " + pidFile.toAbsolutePath())
					// every write is in the append-only file within a second, and survives a restart
					.setting("appendonly yes")
					.setting("appendfsync everysec")
					.setting("save \"\"")
					.setting("maxmemory-policy noeviction")
					.setting("daemonize no")
					// keep draining the server's output, or it blocks once the pipe is full
					.soutListener(log::debug)
					.serrListener(log::warn)
					.build();
			server.start();
			return new RedisEngine(server, port);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Embedded Redis did not start in " + data, e);
		}
	}

	@Override
	public String url() {
		return "redis://127.0.0.1:" + port;
	}

	@Override
	public void close() {
		try {
			server.stop(); // SIGTERM: redis flushes the append-only file and exits
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
