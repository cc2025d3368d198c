package io.polyshop.stores.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.springframework.core.env.Environment;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.polyshop.stores.Store;

/**
 * Before anything else starts, one round trip to every external store with its own driver and the configured
 * credentials: a URL that is wrong or does not answer stops the start with one line naming the store and its URL
 * (credentials masked), instead of a page of stack traces from whichever bean first needed it.
 * Off with {@code polyshop.stores.check-at-start=false} (a store known to come up later).
 */
final class ExternalStoreCheck {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private ExternalStoreCheck() {
	}

	static void verify(EmbeddedSettings settings, Set<Store> external) {
		Environment environment = settings.environment();
		if (external.isEmpty() || !environment.getProperty("polyshop.stores.check-at-start", Boolean.class, true)) {
			return;
		}
		List<CompletableFuture<String>> checks = new ArrayList<>();
		for (Store store : external) {
			String url = settings.configuredUrl(store);
			checks.add(CompletableFuture.supplyAsync(() -> {
				try {
					check(store, url, environment);
					return null;
				}
				catch (IllegalArgumentException e) { // the drivers' word for a URL they cannot parse
					return "the " + store.id() + " store's URL " + Addresses.withoutCredentials(url) + " (" + variable(store)
							+ ") is not valid: " + reason(e, url);
				}
				catch (RuntimeException | SQLException e) {
					return "the " + store.id() + " store at " + Addresses.withoutCredentials(url) + " (" + variable(store)
							+ ") does not answer: " + reason(e, url);
				}
			}));
		}
		List<String> problems = checks.stream().map(CompletableFuture::join).filter(p -> p != null).toList();
		if (!problems.isEmpty()) {
			throw new StartupRefused(String.join("; ", problems));
		}
	}

	private static void check(Store store, String url, Environment environment) throws SQLException {
		switch (store) {
			case POSTGRES -> {
				try {
					DriverManager.getDriver(url);
				}
				catch (SQLException e) { // "No suitable driver": libpq's postgresql://... instead of JDBC's
					throw new IllegalArgumentException("PostgreSQL's JDBC driver takes jdbc:postgresql://host:port/database", e);
				}
				Properties properties = new Properties();
				properties.setProperty("user", environment.getProperty("polyshop.postgres.user", "postgres"));
				properties.setProperty("password", environment.getProperty("polyshop.postgres.password", ""));
				properties.setProperty("connectTimeout", Long.toString(TIMEOUT.toSeconds()));
				properties.setProperty("socketTimeout", Long.toString(TIMEOUT.toSeconds()));
				try (Connection connection = DriverManager.getConnection(url, properties)) {
					connection.createStatement().execute("SELECT 1");
				}
			}
			case REDIS -> {
				RedisClusterNodes.Cluster cluster = RedisClusterNodes.Cluster.parse(url);
				RedisURI uri = RedisURI.create(cluster == null ? url : cluster.firstNodeUrl()); // a cluster: its first node
				uri.setTimeout(TIMEOUT);
				RedisClient client = RedisClient.create(uri);
				try (StatefulRedisConnection<String, String> connection = client.connect()) {
					connection.sync().ping();
				}
				finally {
					client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
				}
			}
			case MONGODB -> {
				MongoClientSettings mongoSettings = MongoClientSettings.builder().applyConnectionString(new ConnectionString(url))
						.applyToClusterSettings(c -> c.serverSelectionTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
						.applyToSocketSettings(s -> s.connectTimeout((int) TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
						.build();
				try (MongoClient client = MongoClients.create(mongoSettings)) {
					client.getDatabase("admin").runCommand(new Document("ping", 1));
				}
			}
			case NEO4J -> {
				Config config = Config.builder().withConnectionTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).build();
				try (Driver driver = GraphDatabase.driver(url, AuthTokens.basic(environment.getProperty("polyshop.neo4j.user", "neo4j"),
						environment.getProperty("polyshop.neo4j.password", "")), config)) {
					driver.verifyConnectivity();
				}
			}
		}
	}

	private static String variable(Store store) {
		return switch (store) {
			case POSTGRES -> "POLYSHOP_POSTGRES_URL";
			case REDIS -> "POLYSHOP_REDIS_URL";
			case MONGODB -> "POLYSHOP_MONGODB_URI";
			case NEO4J -> "POLYSHOP_NEO4J_URI";
		};
	}

	/** The driver's own words, on one line, without the URL's credentials; a timeout's cluster dump summarised. */
	private static String reason(Exception e, String url) {
		String message = e instanceof MongoTimeoutException ? "no answer within " + TIMEOUT.toSeconds() + " s"
				+ (String.valueOf(e.getMessage()).contains("Connection refused") ? " (connection refused)" : "")
				: e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
		message = message.replace(url, Addresses.withoutCredentials(url)).replaceAll("\\s+", " ").trim();
		return message.length() > 300 ? message.substring(0, 300) + "..." : message;
	}
}
