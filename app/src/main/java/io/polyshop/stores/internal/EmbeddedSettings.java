package io.polyshop.stores.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.core.env.Environment;

import io.polyshop.stores.Store;
import io.polyshop.documentengine.DocumentStore;

/**
 * What the environment says about the stores, read before the application context exists: a store whose URL
 * property is blank is embedded.
 */
record EmbeddedSettings(Path dataDirectory, Environment environment) {

	static EmbeddedSettings from(Environment environment) {
		Path dataDirectory = Path.of(environment.getProperty("polyshop.data-dir", "./data")).toAbsolutePath().normalize();
		return new EmbeddedSettings(dataDirectory, environment);
	}

	/** The property that holds the store's URL; in {@code application.yaml} it feeds Spring Boot's own property. */
	static String urlProperty(Store store) {
		return switch (store) {
			case POSTGRES -> "polyshop.postgres.url";
			case REDIS -> "polyshop.redis.url";
			case MONGODB -> "polyshop.mongodb.uri";
			case NEO4J -> "polyshop.neo4j.uri";
		};
	}

	String configuredUrl(Store store) {
		return environment.getProperty(urlProperty(store), "").trim();
	}

	Set<Store> embeddedStores() {
		Set<Store> embedded = EnumSet.noneOf(Store.class);
		for (Store store : Store.values()) {
			if (configuredUrl(store).isEmpty()) {
				embedded.add(store);
			}
		}
		return embedded;
	}

	int port(Store store) {
		return environment.getProperty("polyshop.embedded." + store.id() + ".port", Integer.class, 0);
	}

	/** The embedded document engine's page cache and commit window (0: durable before acknowledged). */
	DocumentStore.Settings documentStore() {
		return new DocumentStore.Settings(environment.getProperty("polyshop.mongodb.embedded.cache-mb", Integer.class, 64),
				Duration.ofMillis(environment.getProperty("polyshop.mongodb.embedded.commit-window-ms", Long.class, 0L)));
	}

	/** Whether the document engine runs in a JVM of its own (where this JVM's class path allows it). */
	boolean documentEngineOwnJvm() {
		return environment.getProperty("polyshop.mongodb.embedded.own-jvm", Boolean.class, true);
	}

	/** The maximum heap of the document engine's JVM ({@code -Xmx}), or blank for the JVM's default (a quarter of the RAM). */
	String documentEngineMaxHeap() {
		return environment.getProperty("polyshop.mongodb.embedded.max-heap", "");
	}

	/** More options for the document engine's JVM (its collector and heap sizes). */
	List<String> documentEngineJvmOptions() {
		String options = environment.getProperty("polyshop.mongodb.embedded.jvm-options",
				"-XX:+UseZGC -Xms256m -XX:SoftMaxHeapSize=1g");
		return options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
	}

	String neo4jClasspath() {
		return environment.getProperty("polyshop.neo4j.embedded.classpath", "");
	}

	String neo4jMaxHeap() {
		return environment.getProperty("polyshop.neo4j.embedded.max-heap", "512m");
	}
}
