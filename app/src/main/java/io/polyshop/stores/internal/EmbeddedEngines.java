package io.polyshop.stores.internal;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
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
			if (!engines.running.containsKey(store) && store != Store.NEO4J) {
				starting.put(store, CompletableFuture.supplyAsync(starter(store, settings)));
			}
		}
		if (stores.contains(Store.NEO4J) && !engines.running.containsKey(Store.NEO4J)) {
			// the slowest engine starts alongside the Spring context; EmbeddedEnginesStarted waits for it
			int port = LoopbackPorts.choose(settings.port(Store.NEO4J));
			engines.running.put(Store.NEO4J, new StartingEngine(Neo4jEngine.url(port), CompletableFuture.supplyAsync(
					() -> timed(Store.NEO4J, () -> Neo4jEngine.start(directory, port, settings.neo4jClasspath(), settings.neo4jMaxHeap())))));
		}
		try {
			CompletableFuture.allOf(starting.values().toArray(CompletableFuture[]::new)).join();
		}
		catch (CompletionException e) {
			starting.values().stream().filter(f -> !f.isCompletedExceptionally()).forEach(f -> f.join().close());
			if (engines.users.isEmpty()) {
				engines.running.values().forEach(EmbeddedEngine::close);
				engines.running.clear();
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

	/** Waits for the engines of this data directory that are still starting in the background. */
	static void awaitStarted(Path dataDirectory) {
		List<StartingEngine> starting;
		synchronized (EmbeddedEngines.class) {
			EnginesOfDirectory engines = byDirectory.get(dataDirectory);
			starting = engines == null ? List.of() : engines.running.values().stream()
					.filter(StartingEngine.class::isInstance).map(StartingEngine.class::cast).toList();
		}
		starting.forEach(StartingEngine::awaitStarted); // outside the lock: release() may need it meanwhile
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
		int port = LoopbackPorts.choose(settings.port(store));
		return () -> timed(store, () -> switch (store) {
			case POSTGRES -> PostgresEngine.start(dir, port);
			case REDIS -> RedisEngine.start(dir, port);
			case MONGODB -> MongoEngine.start(dir, port, settings.documentStore());
			case NEO4J -> Neo4jEngine.start(dir, port, settings.neo4jClasspath(), settings.neo4jMaxHeap());
		});
	}

	private static EmbeddedEngine timed(Store store, Supplier<EmbeddedEngine> start) {
		long started = System.nanoTime();
		EmbeddedEngine engine = start.get();
		log.info("Started embedded {} in {} ms", store.id(), (System.nanoTime() - started) / 1_000_000);
		return engine;
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
