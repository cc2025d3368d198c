package io.polyshop.stores.internal;

/** A store engine started by Polyshop itself, listening on a loopback port, its data under the data directory. */
interface EmbeddedEngine extends AutoCloseable {

	/** The connection URL the application uses, in the form its driver expects. */
	String url();

	/** Stops the engine cleanly; its data stays on disk. */
	@Override
	void close();
}
