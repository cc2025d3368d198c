package io.polyshop.benchmarks;

import io.polyshop.documentengine.DocumentStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The four engines, started as the app's io.polyshop.stores.internal engines start them (those classes are
 * package-private in the app): the same libraries, versions and settings. PostgreSQL 17 from zonky's binaries
 * (max_connections 200, shared_buffers 64MB, zonky's defaults otherwise: fsync off, synchronous_commit off, as in the
 * app's embedded mode), redis-server from embedded-redis (appendonly, appendfsync everysec), the product's document
 * engine (module document-engine: mongo-java-server 1.47 over an H2 MVStore file with persistent secondary indexes,
 * the app's defaults: 64 MB page cache, every write durable before it is acknowledged), Neo4j 5.26 as a child JVM from module neo4j-server
 * (512m heap, 128 MB page cache: the app's defaults).
 */
final class Engines implements AutoCloseable {

	private final EmbeddedPostgres postgres;
	private final RedisServer redis;
	private final int redisPort;
	private final DocumentStore mongo;
	private final int mongoPort;
	private final Process neo4j;
	private final String neo4jUri;

	private Engines(EmbeddedPostgres postgres, RedisServer redis, int redisPort, DocumentStore mongo, int mongoPort,
			Process neo4j, String neo4jUri) {
		this.postgres = postgres;
		this.redis = redis;
		this.redisPort = redisPort;
		this.mongo = mongo;
		this.mongoPort = mongoPort;
		this.neo4j = neo4j;
		this.neo4jUri = neo4jUri;
	}

	static Engines start(Path dataDirectory, String neo4jClasspath, String neo4jHeap) throws IOException {
		Files.createDirectories(dataDirectory);
		EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(dataDirectory.resolve("postgres"))
				.setCleanDataDirectory(false)
				.setPort(freePort())
				.setServerConfig("listen_addresses", "127.0.0.1")
				.setServerConfig("max_connections", "200")
				.setServerConfig("shared_buffers", "64MB")
				.setPGStartupWait(Duration.ofSeconds(60))
				.start();

		Path redisData = Files.createDirectories(dataDirectory.resolve("redis"));
		int redisPort = freePort();
		RedisServer redis = RedisServer.newRedisServer()
				.bind("127.0.0.1")
				.port(redisPort)
				.setting("dir " + redisData.toAbsolutePath())
				.setting("appendonly yes")
				.setting("appendfsync everysec")
				.setting("save \"\"")
				.setting("maxmemory-policy noeviction")
				.setting("daemonize no")
				.soutListener(line -> { })
				.serrListener(System.err::println)
				.build();
		redis.start();

		Path mongoData = Files.createDirectories(dataDirectory.resolve("mongodb"));
		int mongoPort = freePort();
		DocumentStore mongo = DocumentStore.open(mongoData.resolve("polyshop.mv"), mongoPort, DocumentStore.Settings.defaults());

		try {
			return startNeo4j(dataDirectory, neo4jClasspath, neo4jHeap, postgres, redis, redisPort, mongo, mongoPort);
		}
		catch (RuntimeException | IOException e) {
			mongo.close();
			redis.stop();
			postgres.close();
			throw e;
		}
	}

	private static Engines startNeo4j(Path dataDirectory, String neo4jClasspath, String neo4jHeap, EmbeddedPostgres postgres,
			RedisServer redis, int redisPort, DocumentStore mongo, int mongoPort) throws IOException {
		int boltPort = freePort();
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process neo4j = new ProcessBuilder(List.of(java, "-Xms64m", "-Xmx" + neo4jHeap, "-XX:+UseSerialGC",
				"-XX:+ExitOnOutOfMemoryError",
				// the app's 128 MB unless -Dbench.neo4j.pagecache-mb says otherwise (the full size's graph is larger)
				"-Dpolyshop.neo4j.pagecache-mb=" + Long.getLong("bench.neo4j.pagecache-mb", 128), "-cp", neo4jClasspath, "io.polyshop.neo4jserver.EmbeddedNeo4jServer",
				dataDirectory.resolve("neo4j").toAbsolutePath().toString(), Integer.toString(boltPort)))
				.redirectErrorStream(true).start();
		String neo4jUri = awaitReady(neo4j);
		return new Engines(postgres, redis, redisPort, mongo, mongoPort, neo4j, neo4jUri);
	}

	Endpoints endpoints() {
		return new Endpoints("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/", "redis://127.0.0.1:" + redisPort,
				"mongodb://127.0.0.1:" + mongoPort, neo4jUri);
	}

	long neo4jPid() {
		return neo4j.pid();
	}

	private static String awaitReady(Process process) {
		CompletableFuture<String> ready = new CompletableFuture<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = out.readLine(); line != null; line = out.readLine()) {
					if (line.startsWith("POLYSHOP-NEO4J-READY ")) {
						ready.complete(line.substring("POLYSHOP-NEO4J-READY ".length()).trim());
					}
				}
			}
			catch (IOException ignored) {
				// the child is gone
			}
			ready.completeExceptionally(new IllegalStateException("Neo4j stopped before it was ready"));
		}, "neo4j-output");
		reader.setDaemon(true);
		reader.start();
		try {
			return ready.get(600, TimeUnit.SECONDS); // a loaded shared machine can take minutes
		}
		catch (Exception e) {
			process.destroyForcibly();
			throw new IllegalStateException("Neo4j did not start (is neo4j-server built? mvn -pl neo4j-server install)", e);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() {
		try {
			neo4j.getOutputStream().close();
			if (!neo4j.waitFor(60, TimeUnit.SECONDS)) {
				neo4j.destroyForcibly();
			}
		}
		catch (IOException | InterruptedException e) {
			neo4j.destroyForcibly();
		}
		mongo.close();
		try {
			redis.stop();
			postgres.close();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
