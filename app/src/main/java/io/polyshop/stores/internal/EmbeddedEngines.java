package io.polyshop.stores.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.polyshop.stores.Store;

/**
 * The embedded engines running in this JVM, per data directory. Application contexts that share a data directory
 * (as tests with several cached contexts do) share its engines; the last one to close stops them.
 * <p>
 * No JVM shutdown hook of our own: JVM hooks run in parallel, so one would stop the engines while Spring's graceful
 * shutdown still uses them. The application context releases the engines as its very last step (see
 * {@link EmbeddedStoresInitializer}), after the web server drained and the connection pools closed; Spring's own
 * shutdown hook closes the context on SIGTERM and Ctrl-C.
 */
final class EmbeddedEngines {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedEngines.class);
	private static final Map<Path, EnginesOfDirectory> byDirectory = new HashMap<>();
	private static volatile boolean restartsHeld;

	private EmbeddedEngines() {
	}

	/**
	 * Starts (in parallel) the engines of {@code stores} that are not yet running for this data directory, once it is
	 * locked; their credentials are read (or created) under the lock too.
	 */
	static synchronized Acquired acquire(EmbeddedSettings settings, Set<Store> stores) {
		Path directory = settings.dataDirectory();
		EnginesOfDirectory engines = byDirectory.computeIfAbsent(directory,
				dir -> new EnginesOfDirectory(DataDirectoryLock.acquire(dir)));
		EngineCredentials credentials = EngineCredentials.loadOrCreate(directory);
		Map<Store, CompletableFuture<EmbeddedEngine>> starting = new EnumMap<>(Store.class);
		for (Store store : stores) {
			if (!engines.running.containsKey(store) && store != Store.NEO4J) {
				starting.put(store, CompletableFuture.supplyAsync(starter(store, settings, credentials, engines)));
			}
		}
		if (stores.contains(Store.NEO4J) && !engines.running.containsKey(Store.NEO4J)) {
			// the slowest engine starts alongside the Spring context; EmbeddedEnginesStarted waits for it
			int port = LoopbackPorts.choose(settings.port(Store.NEO4J));
			engines.running.put(Store.NEO4J, new StartingEngine(Neo4jEngine.url(port), CompletableFuture.supplyAsync(
					() -> supervised(Store.NEO4J, engines, timed(Store.NEO4J, () -> Neo4jEngine.start(directory, port,
							settings.neo4jClasspath(), settings.neo4jMaxHeap(), credentials))))));
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
		return new Acquired(urls, credentials);
	}

	/** The engines' URLs, and the credentials to use with them. */
	record Acquired(Map<Store, String> urls, EngineCredentials credentials) {
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

	/** Gives back engines taken by {@link #acquire}; each stops when nothing uses it any more, in parallel. */
	static synchronized void release(Path dataDirectory, Set<Store> stores) {
		EnginesOfDirectory engines = byDirectory.get(dataDirectory);
		if (engines == null) {
			return;
		}
		List<CompletableFuture<Void>> stopping = new ArrayList<>();
		for (Store store : stores) {
			if (engines.users.merge(store, -1, Integer::sum) <= 0) {
				engines.users.remove(store);
				EmbeddedEngine engine = engines.running.remove(store);
				stopping.add(CompletableFuture.runAsync(() -> stop(store, engine)));
			}
		}
		CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new)).join();
		if (engines.running.isEmpty()) {
			engines.lock.close();
			byDirectory.remove(dataDirectory);
		}
	}

	/** How many times the store's engine died and was restarted since this data directory's engines started. */
	static synchronized long restarts(Path dataDirectory, Store store) {
		EnginesOfDirectory engines = byDirectory.get(dataDirectory);
		return engines == null ? 0 : engines.restarts.get(store).get();
	}

	/** The running engine of a store (waiting for it if it is still starting), for tests that break it on purpose. */
	static EmbeddedEngine engine(Path dataDirectory, Store store) {
		EmbeddedEngine engine;
		synchronized (EmbeddedEngines.class) {
			EnginesOfDirectory engines = byDirectory.get(dataDirectory);
			engine = engines == null ? null : engines.running.get(store);
		}
		if (engine instanceof StartingEngine starting) {
			return starting.started();
		}
		return engine;
	}

	/** While held, engines that die stay down (tests look at the application meanwhile); released, they restart. */
	static void holdRestarts(boolean hold) {
		restartsHeld = hold;
	}

	private static void stop(Store store, EmbeddedEngine engine) {
		if (engine == null) {
			return;
		}
		try {
			long started = System.nanoTime();
			engine.close();
			log.info("Stopped embedded {} in {} ms", store.id(), (System.nanoTime() - started) / 1_000_000);
		}
		catch (RuntimeException e) {
			log.warn("Embedded {} did not stop cleanly: {}", store.id(), e.getMessage());
		}
	}

	private static Supplier<EmbeddedEngine> starter(Store store, EmbeddedSettings settings, EngineCredentials credentials,
			EnginesOfDirectory engines) {
		Path dir = settings.dataDirectory();
		int port = LoopbackPorts.choose(settings.port(store));
		return () -> supervised(store, engines, timed(store, () -> switch (store) {
			case POSTGRES -> PostgresEngine.start(dir, port, credentials);
			case REDIS -> RedisEngine.start(dir, port, credentials);
			case MONGODB -> documentEngine(dir, port, settings);
			case NEO4J -> Neo4jEngine.start(dir, port, settings.neo4jClasspath(), settings.neo4jMaxHeap(), credentials);
		}));
	}

	/** In a JVM of its own when it can be (and a restart after a crash comes with it), else in this one. */
	private static EmbeddedEngine documentEngine(Path dir, int port, EmbeddedSettings settings) {
		Optional<String> classpath = DocumentEngineProcess.classpath();
		if (settings.documentEngineOwnJvm() && classpath.isPresent()) {
			return DocumentEngineProcess.start(dir, port, classpath.get(), settings.documentEngineMaxHeap(),
					settings.documentEngineJvmOptions(), settings.documentStore());
		}
		return MongoEngine.start(dir, port, settings.documentStore());
	}

	private static EmbeddedEngine supervised(Store store, EnginesOfDirectory engines, EmbeddedEngine engine) {
		return engine.pid() < 0 ? engine : new SupervisedEngine(store, engine, engines.restarts.get(store), () -> restartsHeld);
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
		final Map<Store, AtomicLong> restarts = new EnumMap<>(Store.class);

		EnginesOfDirectory(DataDirectoryLock lock) {
			this.lock = lock;
			for (Store store : Store.values()) {
				restarts.put(store, new AtomicLong());
			}
		}
	}
}
