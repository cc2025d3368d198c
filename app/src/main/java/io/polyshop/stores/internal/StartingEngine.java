package io.polyshop.stores.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * An engine whose address is known before it is ready. Neo4j takes longest to start, so it starts alongside the
 * Spring context instead of before it (its driver connects lazily); {@link EmbeddedEnginesStarted} waits for it
 * before the application counts as started.
 */
final class StartingEngine implements EmbeddedEngine {

	private final String url;
	private final CompletableFuture<EmbeddedEngine> started;

	StartingEngine(String url, CompletableFuture<EmbeddedEngine> started) {
		this.url = url;
		this.started = started;
	}

	@Override
	public String url() {
		return url;
	}

	/** Blocks until the engine answers; throws what stopped it from starting. */
	void awaitStarted() {
		try {
			started.join();
		}
		catch (CompletionException e) {
			throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
		}
	}

	/** The engine, once it answers. */
	EmbeddedEngine started() {
		awaitStarted();
		return started.join();
	}

	@Override
	public void close() {
		if (!started.isCompletedExceptionally()) {
			started.join().close();
		}
	}
}
