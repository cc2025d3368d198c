package io.polyshop.stores.internal;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.polyshop.stores.Store;

/**
 * The embedded engines running in this JVM, per data directory. Application contexts that share a data directory
 * (as tests with several cached contexts do) share its engines; the last one to close stops them. A JVM shutdown
 * hook stops whatever is still running, so Ctrl-C and SIGTERM leave no engine behind.
 */
final class EmbeddedEngines {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedEngines.class);
	private static final Map<Path, EnginesOfDirectory> byDirectory = new HashMap<>();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedEngines::stopAll, "polyshop-engines-shutdown"));
	}

	private EmbeddedEngines() {
	}

	/** Starts (in parallel) the engines of {@code stores} that are not yet running for this data directory. */
	static synchronized Map<Store, String> acquire(EmbeddedSettings settings, Set<Store> stores) {
		Path directory = settings.dataDirectory();
		EnginesOfDirectory engines = byDirectory.computeIfAbsent(directory,
				dir -> new EnginesOfDirectory(DataDirectoryLock.acquire(dir)));
		Map<Store, CompletableFuture<EmbeddedEngine>> starting = new EnumMap<>(Store.class);
		for (Store store : stores) {
			if (!engines.running.containsKey(store)) {
				starting.put(store, CompletableFuture.supplyAsync(starter(store, settings)));
			}
		}
		try {
			CompletableFuture.allOf(starting.values().toArray(CompletableFuture[]::new)).join();
		}
		catch (CompletionException e) {
			starting.values().stream().filter(f -> !f.isCompletedExceptionally()).forEach(f -> f.join().close());
			if (engines.running.isEmpty()) {
				engines.lock.close();
				byDirectory.remove(directory);
			}
			throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
		}
		starting.forEach((store, future) -> engines.running.put(store, future.join()));
		Map<Store, String> urls = new EnumMap<>(Store.class);
		for (Store store : stores) {
			engines.users.merge(store, 1, Integer::sum);
			urls.put(store, engines.running.get(store).url());
		}
		return urls;
	}

	/** Gives back engines taken by {@link #acquire}; each stops when nothing uses it any more. */
	static synchronized void release(Path dataDirectory, Set<Store> stores) {
		EnginesOfDirectory engines = byDirectory.get(dataDirectory);
		if (engines == null) {
			return;
		}
		for (Store store : stores) {
			if (engines.users.merge(store, -1, Integer::sum) <= 0) {
				engines.users.remove(store);
				stop(store, engines.running.remove(store));
			}
		}
		if (engines.running.isEmpty()) {
			engines.lock.close();
			byDirectory.remove(dataDirectory);
		}
	}

	private static synchronized void stopAll() {
		byDirectory.values().forEach(engines -> {
			engines.running.forEach(EmbeddedEngines::stop);
			engines.lock.close();
		});
		byDirectory.clear();
	}

	private static void stop(Store store, EmbeddedEngine engine) {
		if (engine == null) {
			return;
		}
		try {
			engine.close();
			log.info("Stopped embedded {}", store.id());
		}
		catch (RuntimeException e) {
			log.warn("Embedded {} did not stop cleanly: {}", store.id(), e.getMessage());
		}
	}

	private static Supplier<EmbeddedEngine> starter(Store store, EmbeddedSettings settings) {
		Path dir = settings.dataDirectory();
		return () -> {
			long started = System.nanoTime();
			EmbeddedEngine engine = switch (store) {
				case POSTGRES -> PostgresEngine.start(dir, LoopbackPorts.choose(settings.port(store)));
				case REDIS -> RedisEngine.start(dir, LoopbackPorts.choose(settings.port(store)));
				case MONGODB -> MongoEngine.start(dir, LoopbackPorts.choose(settings.port(store)));
				case NEO4J -> Neo4jEngine.start(dir, LoopbackPorts.choose(settings.port(store)),
						settings.neo4jClasspath(), settings.neo4jMaxHeap());
			};
			log.info("Started embedded {} in {} ms", store.id(), (System.nanoTime() - started) / 1_000_000);
			return engine;
		};
	}

	private static final class EnginesOfDirectory {

		final DataDirectoryLock lock;
		final Map<Store, EmbeddedEngine> running = new EnumMap<>(Store.class);
		final Map<Store, Integer> users = new EnumMap<>(Store.class);

		EnginesOfDirectory(DataDirectoryLock lock) {
			this.lock = lock;
		}
	}
}
