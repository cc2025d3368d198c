package io.polyshop.stores.internal;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.polyshop.stores.Store;

/**
 * Breaks embedded engines on purpose, for the fault tests: what an operator's {@code kill -9} or a crash does, and
 * the supervision that undoes it. Not used by the application itself.
 */
public final class EngineFaults {

	private EngineFaults() {
	}

	/** Kills the engine's process as {@code kill -9} would and waits until it is gone; answers its pid. */
	public static long kill(Path dataDirectory, Store store) {
		EmbeddedEngine engine = EmbeddedEngines.engine(dataDirectory, store);
		ProcessHandle process = ProcessHandle.of(engine.pid()).orElseThrow();
		process.destroyForcibly();
		process.onExit().orTimeout(10, TimeUnit.SECONDS).join();
		return process.pid();
	}

	/** The engine's current process id (a new one after a restart). */
	public static long pid(Path dataDirectory, Store store) {
		return EmbeddedEngines.engine(dataDirectory, store).pid();
	}

	/** While held, a killed engine stays down; once released, supervision restarts it. */
	public static void holdRestarts(boolean hold) {
		EmbeddedEngines.holdRestarts(hold);
	}

	public static long restarts(Path dataDirectory, Store store) {
		return EmbeddedEngines.restarts(dataDirectory, store);
	}
}
