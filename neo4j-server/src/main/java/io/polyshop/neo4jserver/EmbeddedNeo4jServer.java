package io.polyshop.neo4jserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.io.ByteUnit;

/**
 * A real Neo4j database with a Bolt connector on a loopback port, run as a child process of Polyshop.
 * <p>
 * Usage: {@code EmbeddedNeo4jServer <home directory> <bolt port>}. Prints {@value #READY} followed by the
 * Bolt URI once the database answers, and shuts down cleanly when its standard input closes, which happens
 * when the parent exits for any reason, even {@code kill -9}: no orphaned Neo4j outlives Polyshop.
 */
public final class EmbeddedNeo4jServer {

	public static final String READY = "POLYSHOP-NEO4J-READY ";

	private EmbeddedNeo4jServer() {
	}

	public static void main(String[] args) throws IOException {
		if (args.length != 2) {
			System.err.println("usage: EmbeddedNeo4jServer <home directory> <bolt port>");
			System.exit(2);
		}
		Path home = Path.of(args[0]).toAbsolutePath();
		int port = Integer.parseInt(args[1]);
		Files.createDirectories(home);
		String password = System.getenv("POLYSHOP_NEO4J_PASSWORD");
		if (password != null && password.isBlank()) {
			password = null;
		}

		DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
				.setConfig(BoltConnector.enabled, true)
				.setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
				.setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
				// Authentication on when the parent gives a password (POLYSHOP_NEO4J_PASSWORD, never on the command line)
				.setConfig(GraphDatabaseSettings.auth_enabled, password != null)
				// No lock-out after failed logins. Bolt listens before the first start has set the password below, so a
				// client early on (a health check polling the starting instance) fails to log in; after three failures
				// Neo4j locked the user for 5 s and the parent's own first query failed with AuthenticationRateLimit.
				// The lock-out guards guessable passwords; this one is 192 random bits on a loopback port.
				.setConfig(GraphDatabaseSettings.auth_max_failed_attempts, 0)
				// 128 MB: the app's; a caller holding a larger graph (the benchmarks at full size) may give -Dpolyshop.neo4j.pagecache-mb
				.setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(Long.getLong("polyshop.neo4j.pagecache-mb", 128)))
				.setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(5))
				// Bolt waits 10 s by default for its worker pool and connections at shutdown. Its two event loop groups
				// wait out the whole of it even with no connection left (debug.log: "Termination of boss/worker event
				// loop group has exceeded maximum permitted duration", 1 s each, after both databases had stopped), so
				// the wait is only ever dead time: the parent has closed its driver by then, and the databases are
				// stopped before Bolt is. 100 ms: a stop takes about 0.4 s instead of 2.2 s (Ctrl-C, restarts, and the
				// twenty-odd stops of `mvn verify`).
				.setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofMillis(100))
				.setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofMillis(100))
				.build();
		Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "neo4j-shutdown"));

		if (password != null) {
			setPassword(dbms, home, password);
		}
		// Touch the default database so that "ready" really means queries will be answered.
		dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
		System.out.println(READY + "bolt://127.0.0.1:" + port);
		System.out.flush();

		while (System.in.read() != -1) {
			// The parent never writes; end of stream means it is gone.
		}
		System.exit(0); // runs the shutdown hook
	}

	/**
	 * The user {@code neo4j} gets the parent's password, with no change required: at the first start, and on a
	 * database created by an older Polyshop that ran Neo4j with authentication off (default password, change required).
	 * Run inside the process, where no authentication applies.
	 */
	private static void setPassword(DatabaseManagementService dbms, Path home, String password) throws IOException {
		// a fingerprint of the password last set, so that later starts skip the system-database write (seconds of CPU)
		Path marker = home.resolve("polyshop-password.sha256");
		String fingerprint = fingerprint(home + "\n" + password);
		if (Files.exists(marker) && Files.readString(marker).equals(fingerprint)) {
			return;
		}
		try {
			dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
					"ALTER USER neo4j SET PLAINTEXT PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
		}
		catch (QueryExecutionException e) {
			if (!e.getMessage().contains("Old password and new password cannot be the same")) {
				throw e;
			}
		}
		Files.writeString(marker, fingerprint);
	}

	private static String fingerprint(String text) {
		try {
			return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
					.digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
