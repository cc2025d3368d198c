package io.polyshop.stores.internal;

import java.util.concurrent.CompletableFuture;

/** A store engine started by Polyshop itself, listening on a loopback port, its data under the data directory. */
interface EmbeddedEngine extends AutoCloseable {

	/** The connection URL the application uses, in the form its driver expects (no credentials). */
	String url();

	/**
	 * Completes when the engine's process ends, whatever ended it; {@link EngineSupervisor} restarts it when that was
	 * not {@link #close()}. Never completes for an engine that cannot die apart from this JVM.
	 */
	default CompletableFuture<?> terminated() {
		return new CompletableFuture<>();
	}

	/** Starts the engine again after it died, on the same port and data, so the clients' URLs stay right. */
	default void restart() {
		throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be restarted");
	}

	/** The operating system process id of the engine, or -1 when it runs inside this JVM. */
	default long pid() {
		return -1;
	}

	/** Stops the engine cleanly; its data stays on disk. */
	@Override
	void close();
}
