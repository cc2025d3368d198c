package io.polyshop.stores.internal;

import java.nio.file.Path;

import org.springframework.context.SmartLifecycle;

/**
 * The last step of start-up: waits for engines still starting in the background, so that "started" (and the
 * readiness health state) means every embedded store answers.
 */
final class EmbeddedEnginesStarted implements SmartLifecycle {

	private final Path dataDirectory;
	private volatile boolean running;

	EmbeddedEnginesStarted(Path dataDirectory) {
		this.dataDirectory = dataDirectory;
	}

	@Override
	public void start() {
		EmbeddedEngines.awaitStarted(dataDirectory);
		running = true;
	}

	@Override
	public void stop() {
		running = false;
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** After everything else, the web server included. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}
}
